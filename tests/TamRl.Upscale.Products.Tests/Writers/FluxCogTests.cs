using System.Globalization;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.Writers;

/// <summary>The COG and PNG products, read with gdalinfo -json and gdal_translate.</summary>
public class FluxCogTests(PublishedProductFixture product) : IClassFixture<PublishedProductFixture>
{
    [Fact]
    public void MonthlyCog_IsACloudOptimizedGeoTiff_WithNodataDescriptionUnitAndTheGridCorner()
    {
        var info = ExternalTool.GdalInfoJson(product.File("cog/gpp_2021-01.tif"));

        var structure = info.GetProperty("metadata").GetProperty("IMAGE_STRUCTURE");
        Assert.Equal("COG", structure.GetProperty("LAYOUT").GetString());
        Assert.Equal("DEFLATE", structure.GetProperty("COMPRESSION").GetString());
        Assert.Equal("3", structure.GetProperty("PREDICTOR").GetString());
        Assert.Equal("Area", info.GetProperty("metadata").GetProperty("").GetProperty("AREA_OR_POINT").GetString());
        Assert.Equal([-180.0, 10, 0, 90, 0, -10], info.GetProperty("geoTransform").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Contains("4326", info.GetProperty("coordinateSystem").GetProperty("wkt").GetString());
        var band = info.GetProperty("bands")[0];
        Assert.Equal("Float32", band.GetProperty("type").GetString());
        Assert.Equal(-9999, band.GetProperty("noDataValue").GetDouble());
        Assert.Equal("gpp", band.GetProperty("description").GetString());
        Assert.Equal("g m-2 d-1", band.GetProperty("unit").GetString());
    }

    [Fact]
    public void MonthlyCog_HoldsTheSameValuesAsTheMonthlyNetcdf()
    {
        var xyz = ExternalTool.RunOk("gdal_translate", "-q", "-of", "XYZ", product.File("cog/nee_2021-02.tif"), "/vsistdout/");
        var cog = xyz.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => double.Parse(l.Split(' ')[2], CultureInfo.InvariantCulture)).ToArray();
        var netcdf = Ncdump.Values(product.File("netcdf/tamrl_monthly_2021-01-01_2021-02-28.nc"), "nee").Skip(cog.Length).ToArray(); // February

        Assert.Equal(18 * 36, cog.Length);
        for (var i = 0; i < cog.Length; i++)
            if (double.IsNaN(netcdf[i]))
                Assert.Equal(-9999, cog[i]);
            else
                Assert.Equal(netcdf[i], cog[i], 1e-6 * Math.Max(1, Math.Abs(netcdf[i])));
    }

    [Fact]
    public void Cog_OfAFineGrid_HasAverageOverviews()
    {
        using var dir = new TempDirectory();
        var grid = RegularLatLonGrid.Global(0.25);
        var map = Enumerable.Range(0, grid.Rows * grid.Columns).Select(i => i % 7 == 0 ? float.NaN : i % 1000 / 100f).ToArray();
        var path = dir.File("gpp.tif");

        FluxCog.Write(path, grid, FluxVariables.Gpp, "2021-01", map, new Provenance("r", "m", new Dictionary<string, string>(), "v", DateTimeOffset.UnixEpoch));

        var info = ExternalTool.GdalInfoJson(path);
        var band = info.GetProperty("bands")[0];
        Assert.True(band.GetProperty("overviews").GetArrayLength() >= 1);
        Assert.Equal([512, 512], band.GetProperty("block").EnumerateArray().Select(e => e.GetInt32()));
        // Overview cell (row 10, column 11) is the mean of source cells (20..21, 22..23), none of them nodata:
        // averaged, not cubic. (GDAL 3.6 takes -srcwin in full-resolution pixels even with -ovr.)
        var xyz = ExternalTool.RunOk("gdal_translate", "-q", "-ovr", "0", "-srcwin", "22", "20", "2", "2", "-of", "XYZ", path, "/vsistdout/");
        var overview = double.Parse(xyz.Trim().Split(' ')[2], CultureInfo.InvariantCulture);
        var cells = new[] { (20, 22), (20, 23), (21, 22), (21, 23) }.Select(rc => map[rc.Item1 * grid.Columns + rc.Item2]).ToArray();
        Assert.All(cells, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(cells.Average(), overview, 1e-5);
    }

    [Fact]
    public void Quicklook_IsAPngMapPerFluxAndMonth()
    {
        foreach (var v in new[] { "gpp", "reco", "nee" })
            foreach (var month in new[] { "2021-01", "2021-02" })
            {
                var info = ExternalTool.GdalInfoJson(product.File($"quicklook/{v}_{month}.png"));
                Assert.Equal("PNG", info.GetProperty("driverShortName").GetString());
                Assert.Equal([1000, 560], info.GetProperty("size").EnumerateArray().Select(e => e.GetInt32()));
            }
    }
}
