using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Ingest.Regridding;

namespace TamRl.Upscale.Ingest.Tests.Regridding;

public class ConservativeRegridderTests
{
    private static double AreaWeightedMean(RegularLatLonGrid g, float[] values)
    {
        double sum = 0, weight = 0;
        for (var r = 0; r < g.Rows; r++)
        {
            var top = (g.North - r * g.LatitudeResolution) * Math.PI / 180;
            var w = Math.Sin(top) - Math.Sin(top - g.LatitudeResolution * Math.PI / 180);
            for (var c = 0; c < g.Columns; c++)
            {
                sum += w * values[r * g.Columns + c];
                weight += w;
            }
        }
        return sum / weight;
    }

    [Fact]
    public void Regrid_PreservesTheAreaWeightedGlobalMean()
    {
        var source = RegularLatLonGrid.Global(1);
        var target = RegularLatLonGrid.Global(5);
        var values = new float[source.Rows * source.Columns];
        for (var r = 0; r < source.Rows; r++)
            for (var c = 0; c < source.Columns; c++)
                values[r * source.Columns + c] = (float)(280 + 20 * Math.Cos(source.LatitudeOfRow(r) * Math.PI / 180) + Math.Sin(c * 0.1));
        var result = new float[target.Rows * target.Columns];

        new ConservativeRegridder(source, target).Regrid(values, result);

        Assert.Equal(AreaWeightedMean(source, values), AreaWeightedMean(target, result), 1e-4);
    }

    [Fact]
    public void Regrid_WeightsByAreaOnTheSphere_NotByCellCount()
    {
        // Two source rows, 0..45 N and 45..90 N, into one target row: the lower row has the larger area.
        var source = new RegularLatLonGrid(2, 1, 0, 90, 45, 10);
        var target = new RegularLatLonGrid(1, 1, 0, 90, 90, 10);
        var result = new float[1];

        new ConservativeRegridder(source, target).Regrid([1f, 0f], result);

        var upper = 1 - Math.Sin(Math.PI / 4);
        Assert.Equal(upper, result[0], 1e-6);
    }

    [Fact]
    public void Regrid_LeavesOutNaNs_AndRenormalises()
    {
        var source = new RegularLatLonGrid(2, 2, 0, 1, 0.5, 0.5);
        var target = new RegularLatLonGrid(1, 1, 0, 1, 1, 1);
        var result = new float[1];

        new ConservativeRegridder(source, target).Regrid([2f, float.NaN, 4f, float.NaN], result);
        Assert.Equal(3f, result[0], 3);

        new ConservativeRegridder(source, target).Regrid([float.NaN, float.NaN, float.NaN, float.NaN], result);
        Assert.True(float.IsNaN(result[0]));
    }

    [Fact]
    public void Regrid_WrapsAroundTheDateLine_ForAGlobalSource()
    {
        // The 1-degree ERA5-like grid centred on the meridians: cells straddle ±180, its first column starts at -180.5.
        var source = new RegularLatLonGrid(2, 360, -180.5, 1, 1, 1);
        var target = new RegularLatLonGrid(1, 1, -180, 1, 2, 2); // -180..-178
        var values = new float[2 * 360];
        for (var r = 0; r < 2; r++)
        {
            values[r * 360 + 0] = 10;   // -180.5..-179.5
            values[r * 360 + 1] = 20;   // -179.5..-178.5
            values[r * 360 + 2] = 30;   // -178.5..-177.5
        }
        var result = new float[1];

        new ConservativeRegridder(source, target).Regrid(values, result);

        Assert.Equal((10 * 0.5 + 20 * 1 + 30 * 0.5) / 2, result[0], 4);
    }
}
