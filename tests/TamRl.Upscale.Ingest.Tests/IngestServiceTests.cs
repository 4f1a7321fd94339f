using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.Ingest.Tests.Fixtures;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Ingest.Tests;

public class IngestServiceTests
{
    private static IngestWorld World(TempDirectory dir, params int[] months)
    {
        var world = new IngestWorld(dir.Path);
        foreach (var m in months)
            world.WriteEra5Month(2020, m);
        world.WriteConfig();
        return world;
    }

    private static string[] CubeFiles(string outDir) =>
        Directory.Exists(Path.Combine(outDir, "drivers"))
            ? Directory.GetFiles(Path.Combine(outDir, "drivers"), "*", SearchOption.AllDirectories).Select(f => Path.GetFileName(f)).Order().ToArray()
            : [];

    [Fact]
    public void Run_WritesStaticMonthsAndManifest_OnTheTargetGrid()
    {
        using var dir = new TempDirectory();
        var world = World(dir, 1, 2);
        var outDir = dir.File("out");

        var result = new IngestService(world.Config(), outDir).Run();

        Assert.Equal([new CubeMonth(2020, 1), new CubeMonth(2020, 2)], result.Written);
        Assert.Equal(["drivers_2020-01.nc", "drivers_2020-02.nc", "manifest.json", "static.nc"], CubeFiles(outDir));
        var feb = Path.Combine(outDir, "drivers", "drivers_2020-02.nc");
        var header = Ncdump.Header(feb);
        Assert.Contains("time = 29 ;", header);
        Assert.Contains("lat = 3 ;", header);
        Assert.Contains("lon = 4 ;", header);

        // ta in (day 10, row 1 = 40..50 N, column 2 = 0..10 E), checked by ncdump: the conservative mean of
        // the source's linear-in-latitude field over the cell, minus 273.15.
        var ta = Ncdump.Values(feb, "ta");
        var at = (9 * 3 + 1) * 4 + 2;
        Assert.Equal(280 + 1.0 - 273.15, ta[at], 0.05);
        Assert.True(double.IsNaN(ta[(9 * 3 + 1) * 4 + 0]), "the column 20..10 W is ocean: fill value");
        Assert.Equal(150, Ncdump.Values(feb, "sw_in")[at], 0.01);
        Assert.Equal(2, Ncdump.Values(feb, "precip")[at], 0.001);
        Assert.Equal(0.5, Ncdump.Values(feb, "ndvi")[at], 0.001);
        Assert.Equal(290 - 273.15, Ncdump.Values(feb, "lst")[at], 0.02);

        using var cube = DriverCubeReader.Open(result.DriversDirectory);
        Assert.Equal(4, cube.ReadStatic().Igbp[1 * 4 + 2]);
        Assert.Equal(-1, cube.ReadStatic().Igbp[1 * 4 + 0]);
        var manifest = DriverCubeManifest.Load(Path.Combine(result.DriversDirectory, "manifest.json"))!;
        Assert.Equal(2, manifest.Months.Count);
        Assert.Contains(manifest.Months[1].Inputs, i => i.Path.EndsWith("era5_daily_2020-02.nc") && i.Sha256.Length == 64);
        Assert.DoesNotContain(manifest.Months[0].Inputs, i => i.Path.EndsWith("era5_daily_2020-02.nc"));
    }

    [Fact]
    public void Run_GribLayout_WritesTheSameCubeAsTheNewCdsLayout()
    {
        using var dir = new TempDirectory();
        var world = new IngestWorld(dir.Path);
        world.WriteEra5Month(2020, 1);
        world.WriteEra5GribMonth(2020, 1);
        world.WriteConfig(end: "2020-01-31");
        var fromNetCdf = new IngestService(world.Config(), dir.File("nc")).Run();
        world.WriteConfig(end: "2020-01-31", era5Layout: "grib", era5Paths: "era5/era5_daily_*.grib");

        var fromGrib = new IngestService(world.Config(), dir.File("grib")).Run();

        Assert.Equal([new CubeMonth(2020, 1)], fromGrib.Written);
        var a = Path.Combine(fromNetCdf.DriversDirectory, "drivers_2020-01.nc");
        var b = Path.Combine(fromGrib.DriversDirectory, "drivers_2020-01.nc");
        foreach (var feature in new[] { "ta", "ta_min", "vpd", "sw_in", "precip", "swc" })
            Assert.Equal(Ncdump.Values(a, feature), Ncdump.Values(b, feature), (x, y) => double.IsNaN(x) ? double.IsNaN(y) : Math.Abs(x - y) < 1e-3);
    }

    [Fact]
    public void Run_Again_SkipsUnchangedMonths_AndRecomputesAMonthWhoseInputChanged()
    {
        using var dir = new TempDirectory();
        var world = World(dir, 1, 2);
        var outDir = dir.File("out");
        new IngestService(world.Config(), outDir).Run();
        var janBefore = File.GetLastWriteTimeUtc(Path.Combine(outDir, "drivers", "drivers_2020-01.nc"));

        var again = new IngestService(world.Config(), outDir).Run();
        Assert.Empty(again.Written);
        Assert.False(again.StaticWritten);

        world.WriteEra5Month(2020, 2, offset: 3);
        var changed = new IngestService(world.Config(), outDir).Run();

        Assert.Equal([new CubeMonth(2020, 2)], changed.Written);
        Assert.Equal([new CubeMonth(2020, 1)], changed.Skipped);
        Assert.Equal(janBefore, File.GetLastWriteTimeUtc(Path.Combine(outDir, "drivers", "drivers_2020-01.nc")));
        using var cube = DriverCubeReader.Open(changed.DriversDirectory);
        Assert.Equal(280 + 1.0 + 3 - 273.15, cube.ReadDayMap("ta", new DateOnly(2020, 2, 10))[1 * 4 + 2], 0.05);
    }

    [Fact]
    public void Run_WrongUnitsInOneMonth_FailsNamingFileAndVariable_AndWritesNothing()
    {
        using var dir = new TempDirectory();
        var world = World(dir, 1);
        var feb = world.WriteEra5Month(2020, 2, temperatureUnits: "degC");
        var outDir = dir.File("out");

        var e = Assert.Throws<InvalidInputException>(() => new IngestService(world.Config(), outDir).Run());

        Assert.Equal(feb, e.FilePath);
        Assert.Equal("t2m", e.Variable);
        Assert.Empty(CubeFiles(outDir));
    }

    [Fact]
    public void Run_AMonthMissingInTheMiddle_FailsNamingTheMonth_AndWritesNothing()
    {
        using var dir = new TempDirectory();
        var world = World(dir, 1, 3);
        world.WriteConfig(end: "2020-03-31");
        var outDir = dir.File("out");

        var e = Assert.Throws<InvalidInputException>(() => new IngestService(world.Config(), outDir).Run());

        Assert.Contains("2020-02", e.Message);
        Assert.Empty(CubeFiles(outDir));
    }

    [Fact]
    public void Run_IntoACubeOnAnotherGrid_IsRefusedNamingTheManifest()
    {
        using var dir = new TempDirectory();
        var world = World(dir, 1, 2);
        var outDir = dir.File("out");
        new IngestService(world.Config(), outDir).Run();
        File.WriteAllText(world.ConfigPath, File.ReadAllText(world.ConfigPath).Replace("\"resolution\": 10", "\"resolution\": 5"));

        var e = Assert.Throws<InvalidInputException>(() => new IngestService(world.Config(), outDir).Run());

        Assert.EndsWith("manifest.json", e.FilePath);
        Assert.Equal("grid", e.Variable);
    }

    [Fact]
    public void Run_AfterAKilledRun_RemovesItsLeftoverStagingFiles()
    {
        using var dir = new TempDirectory();
        var world = World(dir, 1, 2);
        var outDir = dir.File("out");
        var staging = Directory.CreateDirectory(Path.Combine(outDir, "drivers", ".staging")).FullName;
        File.WriteAllText(Path.Combine(staging, ".drivers_2020-01.nc.dead.tmp"), "half a file");

        new IngestService(world.Config(), outDir).Run();

        Assert.False(Directory.Exists(staging));
        Assert.Equal(["drivers_2020-01.nc", "drivers_2020-02.nc", "manifest.json", "static.nc"], CubeFiles(outDir));
    }

    [Fact]
    public void Run_Era5NotCoveringTheTargetGrid_IsRefusedNamingFileAndExtent()
    {
        using var dir = new TempDirectory();
        var world = World(dir);
        var path = Path.Combine(world.Root, "era5", "era5_daily_2020-01.nc");
        Era5Fixtures.WriteNewCds(path, StoredGrid.Regional(55, 0, 5, 5, 2), Era5Fixtures.Days(Era5Fixtures.Utc(2020, 1, 1), 60), IngestWorld.Era5Variables());

        var e = Assert.Throws<InvalidInputException>(() => new IngestService(world.Config(), dir.File("out")).Run());

        Assert.Equal(path, e.FilePath);
        Assert.Contains("not the target grid's -20..20 E", e.Message);
    }

    [Fact]
    public void Run_AnUnknownModisProduct_IsRefusedNamingTheFieldAndListingKnownOnes_AndWritesNothing()
    {
        using var dir = new TempDirectory();
        var world = World(dir, 1, 2);
        File.WriteAllText(world.ConfigPath, File.ReadAllText(world.ConfigPath).Replace(
            "\"modis\": [ { \"paths\": [\"modis/modis_*.nc\"] } ]",
            "\"modis\": [ { \"paths\": [\"modis/modis_*.nc\"] }, { \"product\": \"MOD13Z9\", \"paths\": [\"modis/modis_*.nc\"] } ]"));
        var outDir = dir.File("out");

        var e = Assert.Throws<InvalidInputException>(() => new IngestService(world.Config(), outDir).Run());

        Assert.Equal(world.ConfigPath, e.FilePath);
        Assert.Equal("ingest.modis[1].product", e.Variable);
        Assert.Contains("MOD13A2", e.Message);
        Assert.Empty(CubeFiles(outDir));
    }

    [Fact]
    public void Run_ConfigurationWithoutIngestSection_IsRefusedNamingTheField()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("c.json"), """{ "name": "x" }""");

        var e = Assert.Throws<InvalidInputException>(() => new IngestService(Core.Config.PipelineConfig.Load(dir.File("c.json")), dir.File("out")));
        Assert.Equal("ingest", e.Variable);
    }
}
