using TamRl.Upscale.Model.Training;

namespace TamRl.Upscale.Model.Tests.Training;

public class WindowPlanTests
{
    [Fact]
    public void TemporalSplit_PutsHoldoutWindowsAfterTheCut_AndDropsWindowsAcrossIt()
    {
        var (fit, holdout) = WindowPlan.TemporalSplit([0, 1], days: 100, length: 10, stride: 5, holdoutFraction: 0.2);
        Assert.All(fit, w => Assert.True(w.Start + 10 <= 80));
        Assert.All(holdout, w => Assert.True(w.Start >= 80));
        Assert.Equal(2 * 15, fit.Count);
        Assert.Equal(2 * 3, holdout.Count);
    }

    [Fact]
    public void SupportCandidates_NeverOverlapTheQueryWindow()
    {
        var candidates = WindowPlan.SupportCandidates(days: 60, length: 10, queryStart: 15);
        Assert.Equal([0, 30, 40, 50], candidates);
    }

    [Fact]
    public void InferenceTiles_CoverTheSeries_WithTheLastAlignedToItsEnd()
    {
        Assert.Equal([0, 10, 20, 25], WindowPlan.InferenceTiles(35, 10));
        Assert.Equal([0], WindowPlan.InferenceTiles(7, 10));
    }

    [Theory]
    [InlineData(365, 30, 15)]
    [InlineData(365, 30, 0)]
    [InlineData(40, 30, 15)]
    [InlineData(20, 30, 15)]
    [InlineData(730, 30, 60)]
    public void DecodeWindows_HoldTheirTile_WithAsMuchWarmupAsTheSeriesAllows(int days, int length, int warmup)
    {
        var tileLength = Math.Min(length, days);
        var tiles = WindowPlan.InferenceTiles(days, tileLength);
        var (decodeLength, starts) = WindowPlan.DecodeWindows(days, tileLength, warmup, tiles);
        Assert.Equal(Math.Min(days, tileLength + warmup), decodeLength);
        for (var j = 0; j < tiles.Length; j++)
        {
            Assert.InRange(starts[j], 0, days - decodeLength);
            var offset = tiles[j] - starts[j];
            Assert.InRange(offset, 0, decodeLength - tileLength);
            // As much warm-up as requested, unless the series begins first.
            Assert.Equal(Math.Min(warmup, tiles[j]), Math.Min(offset, warmup));
        }
    }
}
