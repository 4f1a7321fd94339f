using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Ingest.Regridding;

namespace TamRl.Upscale.Ingest.Tests.Regridding;

public class LandGapFillerTests
{
    [Fact]
    public void Fill_GivesLandCellsWithoutValueTheNearestValue_AndLeavesOceanAlone()
    {
        var grid = new RegularLatLonGrid(1, 5, 0, 1, 1, 1);
        float[] map = [1f, float.NaN, float.NaN, float.NaN, 5f];
        bool[] land = [true, true, false, true, true];

        var filled = LandGapFiller.Fill(grid, map, land);

        Assert.Equal(2, filled);
        Assert.Equal(1f, map[1]);
        Assert.True(float.IsNaN(map[2]));
        Assert.Equal(5f, map[3]);
    }

    [Fact]
    public void Fill_WrapsAcrossTheDateLine_OnAGlobalGrid()
    {
        var grid = new RegularLatLonGrid(1, 4, -180, 1, 1, 90);
        float[] map = [float.NaN, float.NaN, float.NaN, 8f];
        bool[] land = [true, false, false, true];

        LandGapFiller.Fill(grid, map, land);

        Assert.Equal(8f, map[0]);
    }
}
