using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Ingest.Regridding;

namespace TamRl.Upscale.Ingest.Tests.Regridding;

public class CategoricalRegridderTests
{
    [Fact]
    public void Regrid_Coarsening_TakesTheClassCoveringTheLargestArea_IgnoringNoClass()
    {
        var source = new RegularLatLonGrid(2, 2, 0, 2, 1, 1);
        var target = new RegularLatLonGrid(1, 1, 0, 2, 2, 2);

        Assert.Equal([7], new CategoricalRegridder(source, target).Regrid([3, 7, 7, -1]));
        Assert.Equal([-1], new CategoricalRegridder(source, target).Regrid([-1, -1, -1, -1]));
    }

    [Fact]
    public void Regrid_Refining_TakesTheClassUnderTheCentre()
    {
        var source = new RegularLatLonGrid(1, 2, 0, 1, 1, 1);
        var target = new RegularLatLonGrid(2, 4, 0, 1, 0.5, 0.5);

        Assert.Equal([4, 4, 9, 9, 4, 4, 9, 9], new CategoricalRegridder(source, target).Regrid([4, 9]));
    }
}
