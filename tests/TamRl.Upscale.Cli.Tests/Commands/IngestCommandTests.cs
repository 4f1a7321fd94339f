using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Cli.Tests.Commands;

public class IngestCommandTests
{
    [Fact]
    public void Ingest_ExitsWithStatus2NamingTheStaticField_WhenTheGeographyIsMissing()
    {
        using var dir = new TempDirectory();
        var config = dir.File("c.json");
        File.WriteAllText(config, """
            { "name": "x", "ingest": {
                "grid": { "resolution": 1, "bbox": [0, 40, 10, 50] }, "period": { "start": "2020-01-01", "end": "2020-01-31" },
                "static": "missing-geography.nc",
                "era5": [ { "layout": "new-cds", "paths": ["era5.nc"] } ], "modis": [ { "paths": ["modis.nc"] } ] } }
            """);
        var output = dir.File("out");

        var r = Tamrl.Run("ingest", "--config", config, "--out", output);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{config}: variable 'ingest.static': 'missing-geography.nc' does not exist", r.StdErr);
        Assert.False(Directory.Exists(Path.Combine(output, "drivers")));
    }

    [Fact]
    public void Ingest_ExitsWithStatus2_WhenTheConfigurationHasNoIngestSection()
    {
        using var dir = new TempDirectory();
        var config = dir.File("c.json");
        File.WriteAllText(config, """{ "name": "x" }""");

        var r = Tamrl.Run("ingest", "--config", config, "--out", dir.File("out"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("variable 'ingest': the configuration has no ingest section", r.StdErr);
    }
}
