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
}
