using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Core.Tests.Config;

public class PipelineConfigTests
{
    [Fact]
    public void Load_ReadsTheDemo_WithEveryStageSection()
    {
        var config = PipelineConfig.Load(Path.Combine(RepoPaths.Root, "jobs", "demo.json"));

        Assert.Equal("demo", config.Name);
        Assert.NotNull(config.SampleWorld);
        Assert.NotNull(config.Ingest);
        Assert.NotNull(config.Sites);
        Assert.Equal("demo.model.json", config.Model?.Config);
        Assert.Equal("2020", config.Products?.Period);
    }

    [Fact]
    public void ResolveInputs_TakesRelativePathsFromTheConfigurationFolder()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("jobs"));
        File.WriteAllText(dir.File("a.nc"), "");
        var path = dir.File("jobs/c.json");
        File.WriteAllText(path, """{ "name": "x", "inputs": ["../*.nc"] }""");

        Assert.Equal([dir.File("a.nc")], PipelineConfig.Load(path).ResolveInputs());
    }

    [Fact]
    public void ResolvePath_TakesOutPathsFromTheRunsOutputFolder()
    {
        using var dir = new TempDirectory();
        var path = dir.File("c.json");
        File.WriteAllText(path, """{ "name": "x" }""");
        var config = PipelineConfig.Load(path);

        Assert.Equal(Path.Combine(dir.File("out"), "world", "towers.csv"), config.WithOutput(dir.File("out")).ResolvePath("{out}/world/towers.csv"));
        var e = Assert.Throws<InvalidInputException>(() => config.ResolvePaths(["{out}/world/*.nc"], "ingest.era5[0].paths"));
        Assert.Contains("ingest.era5[0].paths", e.Message);
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

    [Fact]
    public void Load_Throws_NamingModelPrecision_WhenItIsNeitherFp32NorBf16()
    {
        using var dir = new TempDirectory();
        var path = dir.File("c.json");
        File.WriteAllText(path, """{ "name": "x", "model": { "bundle": "m", "precision": "fp16" } }""");

        var e = Assert.Throws<InvalidInputException>(() => PipelineConfig.Load(path));
        Assert.Equal("model.precision", e.Variable);
        Assert.Contains("fp16", e.Message);
        File.WriteAllText(path, """{ "name": "x", "model": { "bundle": "m", "precision": "bf16" } }""");
        Assert.Equal("bf16", PipelineConfig.Load(path).Model!.Precision);
    }

    [Theory]
    [InlineData("""{ "bundle": "m", "engine": "tensorrt" }""", "tensorrt")]
    [InlineData("""{ "bundle": "m", "engine": "onnx", "precision": "bf16" }""", "bf16")]
    [InlineData("""{ "bundle": "m", "engine": "onnx", "device": "cuda" }""", "cuda")]
    public void Load_Throws_NamingModelEngine_WhenItIsUnknownOrOnnxOutsideFp32OnTheCpu(string model, string named)
    {
        using var dir = new TempDirectory();
        var path = dir.File("c.json");
        File.WriteAllText(path, $$"""{ "name": "x", "model": {{model}} }""");

        var e = Assert.Throws<InvalidInputException>(() => PipelineConfig.Load(path));
        Assert.Equal("model.engine", e.Variable);
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void Load_TakesTheOnnxEngine_AndDefaultsToTorch()
    {
        using var dir = new TempDirectory();
        var path = dir.File("c.json");
        File.WriteAllText(path, """{ "name": "x", "model": { "bundle": "m", "engine": "onnx", "device": "auto" } }""");
        Assert.Equal("onnx", PipelineConfig.Load(path).Model!.Engine);
        File.WriteAllText(path, """{ "name": "x", "model": { "bundle": "m" } }""");
        Assert.Equal("torch", PipelineConfig.Load(path).Model!.Engine);
    }
}
