using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Cli.Tests.Commands;

public class TrainCommandTests
{
    [Theory]
    [InlineData("train")]
    [InlineData("evaluate")]
    public void Verb_ExitsWithStatus2NamingTheField_WhenTheDatasetIsMissing(string verb)
    {
        using var dir = new TempDirectory();
        var config = dir.File("model.json");
        File.WriteAllText(config, """{ "dataset": "missing/training.nc", "splits": "missing/splits.json", "device": "cpu" }""");
        var output = Path.Combine(dir.Path, "out");

        var r = Tamrl.Run(verb, "--config", config, "--out", output);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("model.json", r.StdErr);
        Assert.Contains("dataset", r.StdErr);
        Assert.False(Directory.Exists(Path.Combine(output, "model")));
        Assert.False(Directory.Exists(Path.Combine(output, "reports")));
    }

    [Fact]
    public void Train_RefusesAnUnknownDevice()
    {
        using var dir = new TempDirectory();
        var config = dir.File("model.json");
        File.WriteAllText(config, """{ "dataset": "a.nc", "splits": "s.json", "device": "tpu" }""");
        var r = Tamrl.Run("train", "--config", config, "--out", dir.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("device", r.StdErr);
    }
}
