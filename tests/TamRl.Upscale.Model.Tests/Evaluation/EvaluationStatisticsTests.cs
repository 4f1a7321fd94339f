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
    public void Compare_GivesPerRepeatRatios_ATIntervalAcrossRepeats_AndPairedCounts()
    {
        // Two repeats: the model is 10 % better in the first and 30 % better in the second, on every site.
        var pairs = new List<(int, double, double)>();
        for (var i = 0; i < 10; i++)
        {
            pairs.Add((1, 0.9 * (1 + i), 1 + i));
            pairs.Add((2, 0.7 * (1 + i), 1 + i));
        }

        var c = EvaluationStatistics.Compare(pairs)!;

        Assert.Equal([0.9, 0.7], c.RatioPerRepeat.Select(r => Math.Round(r, 12)));
        Assert.Equal(0.8, c.RatioMean, 12);
        var half = 12.706 * Math.Sqrt(0.02) / Math.Sqrt(2);
        Assert.Equal(0.8 - half, c.RatioLow!.Value, 9);
        Assert.Equal(0.8 + half, c.RatioHigh!.Value, 9);
        Assert.Equal((20, 20, 0), (c.Pairs, c.Wins, c.Losses));
        Assert.Equal(0.8, c.PooledRatio, 12);
        Assert.InRange(c.BootstrapLow, 0.7, 0.8);
        Assert.InRange(c.BootstrapHigh, 0.8, 0.9);
        var again = EvaluationStatistics.Compare(pairs)!; // seeded: the same interval again
        Assert.Equal((c.BootstrapLow, c.BootstrapHigh), (again.BootstrapLow, again.BootstrapHigh));
    }

    [Fact]
    public void Compare_WithOneRepeat_HasNoIntervalAcrossRepeats()
    {
        var c = EvaluationStatistics.Compare([(0, 1.0, 2.0), (0, 3.0, 2.0)])!;
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
        Assert.Equal((1, 1), (c.Wins, c.Losses));

        using var dir = new TestSupport.TempDirectory();
        EvaluationReport.Write(dir.Path, summary, "two repeats");
        Assert.True(File.Exists(Path.Combine(dir.Path, "figures", "sites_rmse_gpp_igbp.png")));
    }
}
