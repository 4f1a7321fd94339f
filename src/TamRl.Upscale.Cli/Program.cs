using System.CommandLine;
using TamRl.Upscale.Cli.Commands;
using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Cli;

public static class Program
{
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

    /// <summary>
    /// The program with more stage sets than the real pipeline, for a host that serves them (the tests' `tamrl-synthetic`
    /// registers their synthetic pipeline): <paramref name="register"/> adds them to every catalog the verbs build.
    /// </summary>
    public static int Run(string[] args, Func<StageCatalog, StageCatalog> register)
    {
        Catalog.Register = register;
        return Main(args);
    }

    /// <summary>The <c>tamrl</c> command tree; each verb lives in its own file under Commands/.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("TamRl.Upscale: flux-tower records to global gridded GPP, RECO and NEE with TAM-RL.");
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(SampleDataCommand.Create());
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(ExtractSitesCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(InferCommand.Create());
        root.Subcommands.Add(ExportOnnxCommand.Create());
        root.Subcommands.Add(PublishCommand.Create());
        root.Subcommands.Add(ScoreCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(RerunCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(ServerCommand.Create());
        return root;
    }
}
