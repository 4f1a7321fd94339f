using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.Training;

namespace TamRl.Upscale.Model.Tests.Bundle;

public class InferenceSupportTests
{
    [Fact]
    public void Tiles_SpreadsAYearsWindowsOverItsSeasons_OnePerStratum()
    {
        // 365 days in 30-day tiles: 12 non-overlapping candidates (the 13th tile is end-aligned), four strata of three.
        Assert.Equal([1, 4, 7, 10], InferenceSupport.Tiles(365, 30, 4));
    }

    [Fact]
    public void Tiles_TakesEveryCandidate_WhenThereAreNoMoreThanAsked()
    {
        Assert.Equal([0, 1], InferenceSupport.Tiles(65, 30, 4));
        Assert.Equal([0], InferenceSupport.Tiles(20, 20, 4));
    }

    [Fact]
    public void Tiles_NamesNonOverlappingInferenceTiles_Only()
    {
        foreach (var days in new[] { 31, 59, 365, 366, 730 })
        {
            var tiles = WindowPlan.InferenceTiles(days, 30);
            foreach (var i in InferenceSupport.Tiles(days, 30, 4))
                Assert.Equal(30 * i, tiles[i]);
        }
    }
}
