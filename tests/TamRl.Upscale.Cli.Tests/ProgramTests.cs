namespace TamRl.Upscale.Cli.Tests;

public class ProgramTests
{
    [Fact]
    public void Help_ListsEveryVerb()
    {
        var r = Tamrl.Run("--help");

        Assert.Equal(0, r.ExitCode);
        foreach (var verb in new[] { "inspect", "run", "sample-data", "ingest", "extract-sites", "train", "evaluate", "infer", "export-onnx", "publish", "score", "status", "rerun", "worker", "server" })
            Assert.Matches($@"(?m)^\s+{verb}\b", r.StdOut);
    }

    [Fact]
    public void UnknownVerb_ExitsNonZero()
    {
        var r = Tamrl.Run("frobnicate");
        Assert.NotEqual(0, r.ExitCode);
    }
}
