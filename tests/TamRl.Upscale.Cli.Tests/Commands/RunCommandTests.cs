using System.Text.Json;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Cli.Tests.Commands;

public class RunCommandTests
{
    [Fact]
    public void Run_WritesOneDecodedSummaryPerDemoInput()
    {
        using var dir = new TempDirectory();
        var r = Tamrl.Run("run", "--config", Path.Combine(RepoPaths.Root, "jobs", "demo.json"), "--out", dir.Path);

        Assert.Equal(0, r.ExitCode);
        var summaries = Directory.GetFiles(Path.Combine(dir.Path, "inspect"), "*.json");
        Assert.Equal(9, summaries.Length);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "inspect.staging")));
        var sp = summaries.Single(f => f.Contains("surface_pressure"));
        var json = JsonDocument.Parse(File.ReadAllText(sp)).RootElement;
        Assert.Equal("valid_time", json.GetProperty("timeAxes")[0].GetProperty("variable").GetString());
    }

    [Fact]
    public void Run_ExitsWithStatus2AndWritesNothing_WhenAnInputIsMissing()
    {
        using var dir = new TempDirectory();
        var config = dir.File("c.json");
        File.WriteAllText(config, """{ "name": "x", "inputs": ["missing.nc"] }""");
        var output = Path.Combine(dir.Path, "out");

        var r = Tamrl.Run("run", "--config", config, "--out", output);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{config}: variable 'inputs': 'missing.nc' does not exist", r.StdErr);
        Assert.False(Directory.Exists(Path.Combine(output, "inspect")));
    }
}
