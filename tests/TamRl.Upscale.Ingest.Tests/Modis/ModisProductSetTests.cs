using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Ingest.Modis;
using TamRl.Upscale.Ingest.Modis.Catalogue;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Ingest.Tests.Modis;

public class ModisProductSetTests
{
    private static readonly RegularLatLonGrid Grid = new(200, 262, 0, 40, 0.05, 0.05);

    private static string Link(TempDirectory dir, string name, string target)
    {
        var path = dir.File(name);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    [Fact]
    public void Resolve_RefusesAnUnknownProduct_NamingTheFieldAndListingTheKnownOnes()
    {
        var config = new ModisInputConfig { Product = "MOD99Z9", Paths = ["x.hdf"] };

        var e = Assert.Throws<InvalidInputException>(() => ModisProductSet.Resolve(config, "job.json", "ingest.modis[1]"));

        Assert.Contains("ingest.modis[1].product", e.Message);
        Assert.Contains("MOD99Z9", e.Message);
        Assert.Contains("MCD15A2H", e.Message);
        Assert.Contains("MOD13A2", e.Message);
    }

    [Fact]
    public void Scan_RefusesTilesOfTwoCollections_NamingTheFiles()
    {
        using var dir = new TempDirectory();
        var c6 = Link(dir, "MCD15A2H.A2016201.h18v05.006.2016215124658.hdf", ModisRealFiles.Mcd15Tile);
        var c5 = Link(dir, "MCD15A2H.A2016201.h19v05.005.2016215124658.hdf", ModisRealFiles.Mcd15Tile);
        var config = new ModisInputConfig { Product = "MCD15A2H", Paths = [c6, c5] };

        var e = Assert.Throws<InvalidInputException>(() => ModisProductSet.Scan(config, [c6, c5], "job.json", "ingest.modis[0]"));

        Assert.Contains("collection", e.Message);
        Assert.Contains("005", e.Message);
        Assert.Contains("006", e.Message);
    }

    [Fact]
    public void Scan_GroupsTheTilesOfOneDate_IntoOneComposite()
    {
        using var dir = new TempDirectory();
        var a = Link(dir, "MCD15A2H.A2016201.h18v05.006.2016215124658.hdf", ModisRealFiles.Mcd15Tile);
        var b = Link(dir, "MCD15A2H.A2016201.h19v05.006.2016215124658.hdf", ModisRealFiles.Mcd15Tile);
        var config = new ModisInputConfig { Product = "MCD15A2H", Paths = [a, b] };

        var composite = Assert.Single(ModisProductSet.Scan(config, [a, b], "job.json", "ingest.modis[0]"));

        Assert.Equal(new DateOnly(2016, 7, 19), composite.Start);
        Assert.Equal(8, composite.Days);
        Assert.Equal(2, composite.Files.Count);
    }

    [Fact]
    public void Mosaic_RefusesACompositeWhoseQaRejectsEveryPixel_NamingFileAndQaDataset()
    {
        var product = ModisCatalogue.Find("MCD15A2H")!;
        var rejectAll = new QaRule(["FparLai_QC"], [new QaBitField(0, 8, [], "nothing passes")], "test");
        var layer = new ModisLayer("lai", ["Lai_500m"], rejectAll);
        var composite = new ModisProductSet.Composite(new DateOnly(2016, 7, 19), 8, [ModisRealFiles.Mcd15Tile], 0, ["lai"]);

        var e = Assert.Throws<InvalidInputException>(() => ModisProductSet.Mosaic(product, layer, composite, Grid, 0.5));

        Assert.Contains(ModisRealFiles.Mcd15Tile, e.Message);
        Assert.Contains("FparLai_QC", e.Message);
        Assert.Contains("rejects all", e.Message);
    }

    [Fact]
    public void Mosaic_OfAppEearsLandCover_AgreesWithGdalwarpMode()
    {
        using var dir = new TempDirectory();
        var product = ModisCatalogue.Find("MCD12Q1")!;
        var grid = new RegularLatLonGrid(60, 100, -79.4, 43.4, 0.01, 0.01);
        var composite = new ModisProductSet.Composite(new DateOnly(2001, 1, 1), 365, [ModisRealFiles.Mcd12AppEears], 0, ["igbp"]);
        var (classes, _) = ModisProductSet.Mosaic(product, product.Layer("igbp")!, composite, grid, 0);

        var output = dir.File("mode.tif");
        ExternalTool.RunOk("gdalwarp", "-q", "-of", "GTiff", "-t_srs", "EPSG:4326", "-te", "-79.4", "42.8", "-78.4", "43.4", "-ts", "100", "60",
            "-r", "mode", "-srcnodata", "255", "-dstnodata", "255", $"NETCDF:\"{ModisRealFiles.Mcd12AppEears}\":Land_Cover_Type_1", output);
        using var reference = GdalRaster.Open(output);
        var expected = reference.ReadBand(1);
        int compared = 0, same = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] == 255 || float.IsNaN(classes[i]))
                continue;
            compared++;
            if (expected[i] == classes[i])
                same++;
        }
        Assert.True(compared > 200, $"only {compared} cells compared");
        Assert.True(same >= 0.97 * compared, $"{same} of {compared} cells agree with gdalwarp -r mode"); // ties at the edge of the block may break differently
    }

    [Fact]
    public void ModisDailyDrivers_RefusesAFeatureNoSetProvides()
    {
        var config = new ModisInputConfig { Product = "MCD15A2H", Paths = [ModisRealFiles.Mcd15Tile] };

        var e = Assert.Throws<InvalidInputException>(() => new ModisDailyDrivers([(config, [ModisRealFiles.Mcd15Tile])], Grid, "job.json", ["ndvi"]));

        Assert.Contains("ingest.modis", e.Message);
        Assert.Contains("ndvi", e.Message);
    }

    [Fact]
    public void ModisDailyDrivers_ByDefault_ProducesEveryDailyFeatureOfTheSetsProducts()
    {
        ModisInputConfig[] sets =
        [
            new() { Product = "MCD15A2H", Paths = [ModisRealFiles.Mcd15Tile] },
            new() { Product = "MCD12Q1", Paths = [ModisRealFiles.Mcd12AppEears] }, // land cover: static, not a daily driver
        ];

        Assert.Equal(["fpar", "lai"], ModisDailyDrivers.Provided(sets));
        Assert.Equal(["ndvi", "evi", "lst"], ModisDailyDrivers.Provided([new ModisInputConfig { Paths = ["modis.nc"] }]));
    }

    [Fact]
    public void Mosaic_OfAnAppEearsMod13Composite_EqualsGdalwarpAverageOfTheQaKeptPixels()
    {
        // The 2012-07-11 composite (time step 285, GDAL band 286) of the real AppEEARS MOD13A2 request onto a 0.05 degree grid, against
        // gdal_calc (EVI where VI Quality bit 1 is clear: MODLAND_QA 00 or 01) and gdalwarp -r average on the same band.
        using var dir = new TempDirectory();
        var product = ModisCatalogue.Find("MOD13A2")!;
        var grid = new RegularLatLonGrid(7, 10, -79.0, 43.1, 0.05, 0.05);
        var composite = new ModisProductSet.Composite(new DateOnly(2012, 7, 11), 16, [ModisRealFiles.Mod13AppEears], 285, ["evi"]);
        var (evi, _) = ModisProductSet.Mosaic(product, product.Layer("evi")!, composite, grid, 0);

        var expected = ModisRealFiles.Mod13EviKeptAverage(dir, band: 286);
        var compared = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] == -9 || float.IsNaN(evi[i]))
                continue;
            compared++;
            Assert.True(Math.Abs(expected[i] - evi[i]) < 0.02, $"cell {i}: ours {evi[i]}, gdalwarp {expected[i]}");
        }
        Assert.True(compared >= 50, $"only {compared} of 70 cells compared");
    }
}
