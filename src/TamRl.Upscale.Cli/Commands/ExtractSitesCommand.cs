using System.CommandLine;
using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Sites.Stage;
using TamRl.Upscale.Sites.Windows;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>
/// <c>tamrl extract-sites --config FILE --out OUT</c>: the configuration's towers (its "sites" section)
/// joined to the driver cube (OUT/drivers unless the section names one) into OUT/sites: training.nc,
/// splits.json and manifest.json (docs/sites.md).
/// </summary>
internal static class ExtractSitesCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Pipeline configuration with a \"sites\" section.", Required = true };
        var output = new Option<string>("--out") { Description = "Run output folder; the dataset goes to OUT/sites.", Required = true };
        var command = new Command("extract-sites", "Tower records and the driver cube to the training dataset (site windows, zero-shot splits).")
        {
            config, output,
        };
        command.SetAction(parse => CommandErrors.Run(() => Execute(parse.GetValue(config)!, parse.GetValue(output)!)));
        return command;
    }

    private static int Execute(string configPath, string outDir)
    {
        var config = PipelineConfig.Load(configPath);
        var request = ExtractSitesRequest.FromConfig(config, outDir);
        var outcome = ExtractSitesStage.Run(request);
        foreach (var s in outcome.Skipped)
            Console.Out.WriteLine($"skipped {s.SiteId}: {s.Reason}");
        Console.Out.WriteLine($"extract-sites '{config.Name}': {outcome.Sites} sites x {outcome.Days} days in {outcome.OutputFolder}");
        return 0;
    }
}
