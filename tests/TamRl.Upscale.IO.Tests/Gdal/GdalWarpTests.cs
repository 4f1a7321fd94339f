using System.Globalization;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Gdal;

public sealed class GdalWarpTests
{
    private static readonly string Tile = RepoPaths.RealData("modis", "modistsp", "MODIStsp_MCD15A2H.A2016201.h18v05.006.2016215124658.hdf");

    [Fact]
    public void ToLatLon_AveragesLeavingNoDataOut_AndWritesNoDataWhereNothingIsValid()
    {
        // A 4 x 2 geographic raster of 0.5-degree pixels onto 2 x 1 one-degree cells.
        var epsg4326 = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]";
        float[] values = [1, 3, float.NaN, float.NaN, 5, float.NaN, float.NaN, float.NaN];
        var source = new ProjectedRaster(4, 2, GeoTransform.FromCorner(10, 50, 0.5, 0.5), epsg4326, [values], double.NaN);

        var result = GdalWarp.ToLatLon(source, new LatLonWindow(10, 50, 1, 2, 1), "average", "test");

        Assert.Equal(3, result[0][0], 6); // (1 + 3 + 5) / 3
        Assert.True(double.IsNaN(result[0][1]));
    }

    [Fact]
    public void ToLatLon_AveragesIntegerCodes_LeavingTheNoDataCodeOut_AndWritesNaNWhereNothingIsValid()
    {
        var epsg4326 = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]";
        byte[] codes = [1, 4, 255, 255, 7, 255, 255, 255];
        var source = new ProjectedRaster(4, 2, GeoTransform.FromCorner(10, 50, 0.5, 0.5), epsg4326, [codes], 255);

        var result = GdalWarp.ToLatLon(source, new LatLonWindow(10, 50, 1, 2, 1), "average", "test");

        Assert.Equal(4, result[0][0], 6); // (1 + 4 + 7) / 3
        Assert.True(double.IsNaN(result[0][1]));
    }

    [Fact]
    public void GeographicBounds_OfASinusoidalTile_MatchGdalinfoCorners()
    {
        using var lai = GdalRaster.Open($"HDF4_EOS:EOS_GRID:\"{Tile}\":MOD_Grid_MOD15A2H:Lai_500m");

        var b = GeographicBounds.Of(lai.ProjectionWkt, lai.GeoTransform!.Value, lai.Width, lai.Height)!.Value;

        // gdalinfo: upper right corner (1111950.520, 4447802.079) is 13d 3'17.77"E, 40d N; lower left (0, 3335851.559) 0 E, 30 N.
        var info = ExternalTool.GdalInfoJson($"HDF4_EOS:EOS_GRID:\"{Tile}\":MOD_Grid_MOD15A2H:Lai_500m").GetProperty("wgs84Extent").GetProperty("coordinates")[0];
        var longitudes = info.EnumerateArray().Select(p => p[0].GetDouble()).ToArray();
        var latitudes = info.EnumerateArray().Select(p => p[1].GetDouble()).ToArray();
        Assert.Equal(longitudes.Max(), b.East, 3);
        Assert.Equal(latitudes.Max(), b.North, 3);
        Assert.Equal(latitudes.Min(), b.South, 3);
        Assert.Equal(0, b.West, 6);
    }

    [Fact]
    public void PixelCentres_AgreeWithGdaltransform_AlongARow()
    {
        using var lai = GdalRaster.Open($"HDF4_EOS:EOS_GRID:\"{Tile}\":MOD_Grid_MOD15A2H:Lai_500m");
        var lon = new double[lai.Width];
        var lat = new double[lai.Width];
        using (var centres = new PixelCentres(lai.ProjectionWkt, lai.GeoTransform!.Value))
            centres.Row(700, lon, lat);

        foreach (var x in new[] { 0, 13, 1001, 2399 })
        {
            // gdaltransform -i (pixel/line to georeferenced, then -t_srs EPSG:4326): an independent PROJ pipeline.
            var text = ExternalTool.RunOk("sh", "-c",
                $"echo {x + 0.5} 700.5 | gdaltransform -t_srs EPSG:4326 'HDF4_EOS:EOS_GRID:\"{Tile}\":MOD_Grid_MOD15A2H:Lai_500m'");
            var parts = text.Trim().Split(' ');
            Assert.Equal(double.Parse(parts[0], CultureInfo.InvariantCulture), lon[x], 7);
            Assert.Equal(double.Parse(parts[1], CultureInfo.InvariantCulture), lat[x], 7);
        }
    }
}
