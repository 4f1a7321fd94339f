using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Cli.Tests.Commands;

/// <summary>The verb's refusals; the export itself is tested in the Model tests (OnnxEnsembleTests: the file run in ONNX Runtime).</summary>
public class ExportOnnxCommandTests
{
    [Fact]
    public void ExportOnnx_ExitsWithStatus2NamingBundleJson_AndWritesNothing_WhenTheBundleIsMissing()
    {
        using var dir = new TempDirectory();
        var output = Path.Combine(dir.Path, "ensemble.onnx");

        var r = Tamrl.Run("export-onnx", "--model", Path.Combine(dir.Path, "model"), "--out", output);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bundle.json", r.StdErr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void ExportOnnx_ExitsWithStatus2NamingTheField_WhenBundleJsonIsNotABundle()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bundle.json"), """{"format_version": 1, "features": 3}""");

        var r = Tamrl.Run("export-onnx", "--model", dir.Path, "--out", Path.Combine(dir.Path, "ensemble.onnx"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bundle.json", r.StdErr);
        Assert.Contains("features", r.StdErr);
    }
}
