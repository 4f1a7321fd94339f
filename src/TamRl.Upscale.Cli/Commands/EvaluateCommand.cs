using System.CommandLine;
using TamRl.Upscale.Model.Evaluation;
using TamRl.Upscale.Model.Training;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>
/// <c>tamrl evaluate --config FILE --out OUT [--device auto|cpu|cuda] [--splits SPLITS.json] [--validation] [--report-only]</c>: trains TAM-RL and the baselines
/// on each split and scores them on the held-out sites; reports in OUT/reports (docs/model.md).
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Model configuration (schemas/model-config.schema.json).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder (reports go to OUT/reports).", Required = true };
        var device = new Option<string?>("--device") { Description = "auto, cpu or cuda (overrides the configuration)." };
        var splits = new Option<string?>("--splits") { Description = "Splits to run instead of the configured ones: {\"splits\": [{\"name\", \"train\", \"test\"}]} (schemas/splits.schema.json)." };
        var validation = new Option<bool>("--validation") { Description = "Score on validation sites drawn from each split's training sites (choosing settings without reading test sites)." };
        var reportOnly = new Option<bool>("--report-only") { Description = "Rewrite OUT/reports from its evaluation.json (per-site results) without training." };
        var command = new Command("evaluate", "Compare TAM-RL with the baselines on held-out sites.") { config, output, device, splits, validation, reportOnly };
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            var loaded = ModelRunConfig.Load(parse.GetValue(config)!);
            var reports = parse.GetValue(reportOnly)
                ? EvaluateWorkflow.RewriteReports(loaded, parse.GetValue(output)!)
                : EvaluateWorkflow.Run(loaded, parse.GetValue(output)!, parse.GetValue(device), Console.Out.WriteLine, parse.GetValue(splits), parse.GetValue(validation));
            Console.Out.WriteLine($"reports written to {reports}");
            return 0;
        }));
        return command;
    }
}
