using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Cli.Tests.Commands;

/// <summary>`tamrl run`: the whole pipeline (its end-to-end run is in Pipeline.Tests); here, how it refuses.</summary>
public class RunCommandTests
{
    [Fact]
    public void Run_FailsAtIngest_NamingTheFileAndField_AndWritesNothing_WhenTheConfigurationLacksAnInputSet()
    {
        using var dir = new TempDirectory();
        var config = dir.File("c.json");
        File.WriteAllText(config, """
            {
              "name": "x",
              "ingest": {
                "grid": { "resolution": 2 },
                "period": { "start": "2020-01-01", "end": "2020-01-31" },
                "static": "missing-static.nc"
              }
            }
            """);
        var output = dir.File("out");

        var r = Tamrl.Run("run", "--config", config, "--out", output);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("failed at stage ingest", r.StdErr);
        Assert.Contains($"{config}: variable 'ingest': expected at least one ERA5 or MODIS input set", r.StdErr); // validated before anything is read
        Assert.False(Directory.Exists(Path.Combine(output, "products")));
        Assert.False(Directory.Exists(Path.Combine(output, "drivers")));
    }

    [Fact]
    public void Run_ExitsWithStatus2_WhenTheConfigurationDoesNotExist()
    {
        using var dir = new TempDirectory();

        var r = Tamrl.Run("run", "--config", dir.File("none.json"), "--out", dir.File("out"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("none.json", r.StdErr);
    }
}
