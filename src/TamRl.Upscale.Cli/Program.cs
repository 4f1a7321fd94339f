using System.CommandLine;
using TamRl.Upscale.Cli.Commands;

namespace TamRl.Upscale.Cli;

public static class Program
{
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

    /// <summary>The <c>tamrl</c> command tree; each verb lives in its own file under Commands/.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("TamRl.Upscale: flux-tower records to global gridded GPP, RECO and NEE with TAM-RL.");
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(ExtractSitesCommand.Create());
        return root;
    }
}
