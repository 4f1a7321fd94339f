using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Ingest.Regridding;

namespace TamRl.Upscale.Ingest.Tests.Regridding;

public class BilinearRegridderTests
{
    [Fact]
    public void Regrid_ReproducesALinearFieldExactly_InsideTheSource()
    {
        var source = new RegularLatLonGrid(10, 10, 0, 50, 1, 1);
        var target = new RegularLatLonGrid(20, 20, 0, 50, 0.5, 0.5);
        float Field(double lat, double lon) => (float)(3 * lat - 2 * lon);
        var values = new float[100];
        for (var r = 0; r < 10; r++)
            for (var c = 0; c < 10; c++)
                values[r * 10 + c] = Field(source.LatitudeOfRow(r), source.LongitudeOfColumn(c));
        var result = new float[400];

        new BilinearRegridder(source, target).Regrid(values, result);

        // Cells whose centres lie between source centres (not the outer half-cell, where edge values are held).
        for (var r = 1; r < 19; r++)
            for (var c = 1; c < 19; c++)
                Assert.Equal(Field(target.LatitudeOfRow(r), target.LongitudeOfColumn(c)), result[r * 20 + c], 3);
    }

    [Fact]
    public void Create_PicksConservativeWhenCoarseningAndBilinearWhenRefining()
    {
        var fine = RegularLatLonGrid.Global(0.5);
        var coarse = RegularLatLonGrid.Global(1);
        Assert.IsType<ConservativeRegridder>(Regridders.Create(fine, coarse));
        Assert.IsType<BilinearRegridder>(Regridders.Create(coarse, fine));
    }

    [Fact]
    public void Regrid_OutsideTheSource_IsNaN()
    {
        var source = new RegularLatLonGrid(2, 2, 0, 2, 1, 1);
        var target = new RegularLatLonGrid(4, 8, 0, 2, 0.5, 0.5);
        var result = new float[32];

        new BilinearRegridder(source, target).Regrid([1f, 1f, 1f, 1f], result);

        Assert.Equal(1f, result[0]);
        Assert.True(float.IsNaN(result[7])); // lon 3.75, east of the source
    }
}
