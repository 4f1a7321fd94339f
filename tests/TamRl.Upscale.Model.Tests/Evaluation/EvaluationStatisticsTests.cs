using TamRl.Upscale.Model.Evaluation;

namespace TamRl.Upscale.Model.Tests.Evaluation;

public class EvaluationStatisticsTests
{
    [Theory]
    [InlineData(0, 5, 0.0625)]      // 2 x (1/2)^5
    [InlineData(8, 2, 0.109375)]    // 2 x (1 + 10 + 45) / 1024
    [InlineData(5, 5, 1.0)]
    [InlineData(0, 0, 1.0)]
    public void SignTest_GivesTheExactTwoSidedBinomialP(int wins, int losses, double p)
    {
        Assert.Equal(p, EvaluationStatistics.SignTest(wins, losses), 12);
    }

    [Fact]
    public void SignTest_StaysFiniteForThousandsOfPairs()
    {
        var p = EvaluationStatistics.SignTest(600, 400);
        Assert.InRange(p, 1e-11, 1e-9); // z = 6.3
    }

    [Fact]
    public void Compare_GivesPerRepeatRatios_ATIntervalAcrossRepeats_AndCountsSitesNotPairs()
    {
        // The same ten sites in two repeats: the model is 10 % better in the first and 30 % better in the second.
        var pairs = new List<(string, int, double, double)>();
        for (var i = 0; i < 10; i++)
        {
            pairs.Add(($"S{i}", 1, 0.9 * (1 + i), 1 + i));
            pairs.Add(($"S{i}", 2, 0.7 * (1 + i), 1 + i));
        }

        var c = EvaluationStatistics.Compare(pairs)!;

        Assert.Equal([0.9, 0.7], c.RatioPerRepeat.Select(r => Math.Round(r, 12)));
        Assert.Equal(0.8, c.RatioMean, 12);
        var half = 12.706 * Math.Sqrt(0.02) / Math.Sqrt(2);
        Assert.Equal(0.8 - half, c.RatioLow!.Value, 9);
        Assert.Equal(0.8 + half, c.RatioHigh!.Value, 9);
        // Twenty pairs, but ten sites: the sign test counts each site once (2 x 0.5^10).
        Assert.Equal((20, 10, 10, 0), (c.Pairs, c.Sites, c.Wins, c.Losses));
        Assert.Equal(2 * Math.Pow(0.5, 10), c.SignTestP, 12);
        Assert.Equal(0.8, c.PooledRatio, 12);
        // Every site has the same ratio over its repeats, so resampling whole sites cannot move the pooled ratio.
        Assert.Equal(0.8, c.BootstrapLow, 9);
        Assert.Equal(0.8, c.BootstrapHigh, 9);
    }

    [Fact]
    public void Compare_BootstrapsWholeSites_DeterministicallyForASeed()
    {
        var rng = new Random(5);
        var pairs = Enumerable.Range(0, 30).Select(i => ($"S{i}", 1, 1 + rng.NextDouble(), 1 + rng.NextDouble())).ToList();

        var a = EvaluationStatistics.Compare(pairs)!;
        var b = EvaluationStatistics.Compare(pairs)!;

        Assert.Equal((a.BootstrapLow, a.BootstrapHigh), (b.BootstrapLow, b.BootstrapHigh));
        Assert.True(a.BootstrapLow < a.PooledRatio && a.PooledRatio < a.BootstrapHigh);
    }

    [Fact]
    public void Compare_WithOneRepeat_HasNoIntervalAcrossRepeats()
    {
        var c = EvaluationStatistics.Compare([("A", 0, 1.0, 2.0), ("B", 0, 3.0, 2.0)])!;
        Assert.Null(c.RatioLow);
        Assert.Equal(1.0, c.RatioMean, 12);
        Assert.Equal((1, 1), (c.Wins, c.Losses));
    }

    [Fact]
    public void Median_IgnoresNonFiniteValues()
    {
        Assert.Equal(2.5, EvaluationStatistics.Median([4, 1, double.NaN, 2, 3]));
        Assert.True(double.IsNaN(EvaluationStatistics.Median([double.NaN])));
    }

    [Fact]
    public void Report_WithASiteHeldOutInTwoRepeats_PairsByRepeat_AndWritesEveryFigure()
    {
        SiteResult Row(string model, int repeat, double rmse) =>
            new("igbp", "XX-One", "ENF", "Dfb", model, "gpp", new FluxMetrics(rmse, 0.5, 0.3, 10)) { Repeat = repeat };
        var summary = new EvaluationSummary([Row("trees", 1, 2.0), Row("tamrl", 1, 1.0), Row("trees", 2, 2.0), Row("tamrl", 2, 3.0)]);

        var c = summary.CompareWithTrees("igbp", "tamrl", "gpp")!;
        Assert.Equal([0.5, 1.5], c.RatioPerRepeat);
        // One site: its RMSE over both repeats is 4 against the trees' 4, neither a win nor a loss.
        Assert.Equal((2, 1, 0, 0), (c.Pairs, c.Sites, c.Wins, c.Losses));

        using var dir = new TestSupport.TempDirectory();
        EvaluationReport.Write(dir.Path, summary, "two repeats");
        Assert.True(File.Exists(Path.Combine(dir.Path, "figures", "sites_rmse_gpp_igbp.png")));
    }
}
