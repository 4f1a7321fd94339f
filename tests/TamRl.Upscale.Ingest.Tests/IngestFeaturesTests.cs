using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.Ingest.Tests.Fixtures;
using TamRl.Upscale.TestSupport;
using static TamRl.Upscale.Ingest.Tests.Fixtures.Era5Fixtures;

namespace TamRl.Upscale.Ingest.Tests;

/// <summary>ingest.features: which features the driver cube holds (issue 13, "Configuration").</summary>
public class IngestFeaturesTests
{
    [Fact]
    public void Run_WithFeatures_WritesOnlyThoseFeatures_AndTheReaderAndManifestStateThem()
    {
        using var dir = new TempDirectory();
        var world = new IngestWorld(dir.Path);
        world.WriteEra5Month(2020, 1);
        world.WriteConfig(end: "2020-01-31", features: """["sw_in", "ta", "ndvi"]""");
        var outDir = dir.File("out");

        var result = new IngestService(world.Config(), outDir).Run();

        var month = Path.Combine(outDir, "drivers", "drivers_2020-01.nc");
        var header = Ncdump.Header(month);
        foreach (var held in new[] { "sw_in", "ta", "ndvi" })
            Assert.Contains($"float {held}(time, lat, lon)", header);
        foreach (var absent in Core.Variables.DriverFeatures.Names.Except(["sw_in", "ta", "ndvi"]))
            Assert.DoesNotContain($"float {absent}(", header);
        Assert.Equal(280 + 1.0 - 273.15, Ncdump.Values(month, "ta")[(9 * 3 + 1) * 4 + 2], 0.05);

        using var cube = DriverCubeReader.Open(result.DriversDirectory);
        Assert.Equal(["sw_in", "ta", "ndvi"], cube.Features);
        var e = Assert.Throws<InvalidInputException>(() => cube.ReadDayMap("vpd", new DateOnly(2020, 1, 5)));
        Assert.Equal("vpd", e.Variable);
        Assert.Contains("sw_in, ta, ndvi", e.Message);
        var manifest = DriverCubeManifest.Load(Path.Combine(result.DriversDirectory, "manifest.json"))!;
        Assert.Equal(["sw_in", "ta", "ndvi"], manifest.Features.Select(f => f.Name));
    }

    [Fact]
    public void Run_Era5OnlyCube_OpensOnlyTheVariablesItsFeaturesNeed()
    {
        // An ERA5 download of 2 m temperature alone (no d2m, ssrd, tp, swvl1) and no MODIS: a valid cube of temperatures.
        using var dir = new TempDirectory();
        var world = new IngestWorld(dir.Path);
        WriteNewCds(Path.Combine(dir.Path, "era5", "era5_daily_2020-01.nc"), StoredGrid.Global(IngestWorld.Resolution), Days(Utc(2020, 1, 1), 31),
            IngestWorld.Era5Variables()[0]);
        world.WriteConfig(end: "2020-01-31", features: """["ta", "ta_max"]""", modis: false);

        var result = new IngestService(world.Config(), dir.File("out")).Run();

        using var cube = DriverCubeReader.Open(result.DriversDirectory);
        Assert.Equal(["ta", "ta_max"], cube.Features);
        Assert.Equal(280 + 1.0 - 273.15, cube.ReadDayMap("ta", new DateOnly(2020, 1, 10))[1 * 4 + 2], 0.05);
    }

    [Fact]
    public void Run_AFeatureWithoutAnEra5VariableItNeeds_IsRefusedNamingTheVariable_AndWritesNothing()
    {
        using var dir = new TempDirectory();
        var world = new IngestWorld(dir.Path);
        WriteNewCds(Path.Combine(dir.Path, "era5", "era5_daily_2020-01.nc"), StoredGrid.Global(IngestWorld.Resolution), Days(Utc(2020, 1, 1), 31),
            IngestWorld.Era5Variables()[0]);
        world.WriteConfig(end: "2020-01-31", features: """["ta", "vpd"]""", modis: false);

        var e = Assert.Throws<InvalidInputException>(() => new IngestService(world.Config(), dir.File("out")).Run());

        Assert.Contains("d2m", e.Message);
        Assert.False(Directory.Exists(Path.Combine(dir.File("out"), "drivers")) && Directory.GetFiles(Path.Combine(dir.File("out"), "drivers")).Length > 0);
    }

    [Fact]
    public void Run_AFeatureNoInputSetProvides_IsRefusedNamingTheField()
    {
        using var dir = new TempDirectory();
        var world = new IngestWorld(dir.Path);
        world.WriteEra5Month(2020, 1);
        world.WriteConfig(end: "2020-01-31", features: """["ta", "fpar"]""");

        var e = Assert.Throws<InvalidInputException>(() => new IngestService(world.Config(), dir.File("out")).Run());

        Assert.Equal("ingest.features[1]", e.Variable);
        Assert.Contains("MODIS feature", e.Message);
        Assert.Contains("ndvi, evi, lst", e.Message); // what the sets do provide
    }

    [Fact]
    public void Load_AnUnknownOrRepeatedFeature_IsRefusedNamingTheField()
    {
        using var dir = new TempDirectory();
        var world = new IngestWorld(dir.Path);
        world.WriteConfig(features: """["ta", "tea"]""");
        Assert.Equal("ingest.features[1]", Assert.Throws<InvalidInputException>(() => world.Config().Ingest!.Validate(world.ConfigPath)).Variable);
        world.WriteConfig(features: """["ta", "ta"]""");
        Assert.Equal("ingest.features[1]", Assert.Throws<InvalidInputException>(() => world.Config().Ingest!.Validate(world.ConfigPath)).Variable);
    }

    [Fact]
    public void Run_AfterTheFeaturesChange_RecomputesEveryMonth()
    {
        using var dir = new TempDirectory();
        var world = new IngestWorld(dir.Path);
        world.WriteEra5Month(2020, 1);
        world.WriteConfig(end: "2020-01-31");
        var outDir = dir.File("out");
        new IngestService(world.Config(), outDir).Run();

        world.WriteConfig(end: "2020-01-31", features: """["ta", "evi"]""");
        var again = new IngestService(world.Config(), outDir).Run();

        Assert.Single(again.Written);
        using var cube = DriverCubeReader.Open(again.DriversDirectory);
        Assert.Equal(["ta", "evi"], cube.Features);
    }
}
