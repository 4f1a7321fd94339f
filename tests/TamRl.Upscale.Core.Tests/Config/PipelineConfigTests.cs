using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Core.Tests.Config;

public class PipelineConfigTests
{
    [Fact]
    public void Load_ResolvesDemoInputs_RelativeToTheConfigurationFolder()
    {
        var config = PipelineConfig.Load(Path.Combine(RepoPaths.Root, "jobs", "demo.json"));

        Assert.Equal("demo", config.Name);
        var inputs = config.ResolveInputs();
        Assert.Contains(RepoPaths.RealData("era5", "new-cds-era5", "era5_surface_pressure_2020-1.nc"), inputs);
        Assert.All(inputs, p => Assert.True(File.Exists(p), p));
    }

    [Fact]
    public void Load_Throws_NamingTheField_WhenAnUnknownFieldIsPresent()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.json");
        File.WriteAllText(path, """{ "name": "x", "sede": 3 }""");

        var e = Assert.Throws<InvalidInputException>(() => PipelineConfig.Load(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("sede", e.Message);
    }

    [Fact]
    public void Load_Throws_WhenNameHasSpaces()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.json");
        File.WriteAllText(path, """{ "name": "my run" }""");

        var e = Assert.Throws<InvalidInputException>(() => PipelineConfig.Load(path));
        Assert.Equal("name", e.Variable);
    }

    [Fact]
    public void ResolveInputs_Throws_WhenAGlobMatchesNothing()
    {
        using var dir = new TempDirectory();
        var path = dir.File("c.json");
        File.WriteAllText(path, """{ "name": "x", "inputs": ["nothing/*.nc"] }""");

        var e = Assert.Throws<InvalidInputException>(() => PipelineConfig.Load(path).ResolveInputs());
        Assert.Contains("'nothing/*.nc' matches nothing", e.Message);
    }
}
