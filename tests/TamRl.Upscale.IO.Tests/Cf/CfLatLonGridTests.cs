using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Cf;

public class CfLatLonGridTests
{
    private static string WriteGrid(TempDirectory dir, RegularLatLonGrid grid)
    {
        var path = dir.File("grid.nc");
        using var nc = NetCdfFile.Create(path);
        CfLatLonGrid.Define(nc, grid);
        nc.AddVariable("v", NcType.Float, ["lat", "lon"]);
        nc.SetAttribute("v", "grid_mapping", CfLatLonGrid.GridMapping);
        CfLatLonGrid.Write(nc, grid);
        nc.Write<float>("v", new float[grid.Rows * grid.Columns]);
        return path;
    }

    [Fact]
    public void Write_GivesCellCentresAndEdges_NorthToSouth_AsNcdumpReadsThem()
    {
        using var dir = new TempDirectory();
        var path = WriteGrid(dir, new RegularLatLonGrid(3, 4, -10, 50, 2, 2.5));

        Assert.Equal([49, 47, 45], Ncdump.Values(path, "lat"));
        Assert.Equal([-8.75, -6.25, -3.75, -1.25], Ncdump.Values(path, "lon"));
        Assert.Equal([50, 48, 48, 46, 46, 44], Ncdump.Values(path, "lat_bnds"));
        Assert.Contains("lat:bounds = \"lat_bnds\"", Ncdump.Header(path));
    }

    [Fact]
    public void GdalReadsTheGridMapping_AsEpsg4326_WithTheGridCornerAsOrigin()
    {
        using var dir = new TempDirectory();
        var path = WriteGrid(dir, new RegularLatLonGrid(3, 4, -10, 50, 2, 2.5));

        var info = ExternalTool.GdalInfoJson($"NETCDF:\"{path}\":v");
        Assert.Contains("4326", info.GetProperty("coordinateSystem").GetProperty("wkt").GetString());
        var transform = info.GetProperty("geoTransform").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal([-10, 2.5, 0, 50, 0, -2], transform);
    }
}
