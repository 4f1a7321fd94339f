using System.CommandLine;
using TamRl.Upscale.Products.Domain;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Publishing;
using TamRl.Upscale.Products.Scoring;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>
/// <c>tamrl score --run RUNDIR --out OUT --truth W/truth [--training-dataset OUT/sites/training.nc]</c>: published products
/// against truth grids (scores, maps, zonal means, regional carbon budgets of product and truth), into OUT/reports/.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "The run folder whose products were published.", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder (products read from OUT/products/, report to OUT/reports/).", Required = true };
        var truth = new Option<string>("--truth") { Description = "Folder of truth_YYYY.nc (the sample world's W/truth).", Required = true };
        var dataset = new Option<string?>("--training-dataset") { Description = "The training dataset (OUT/sites/training.nc): where the model's towers sit, beside each region's land." };
        var command = new Command("score", "Global RMSE, bias, error maps, zonal means and regional carbon budgets against truth grids.") { run, output, truth, dataset };
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            var outDir = parse.GetValue(output)!;
            var description = RunDescription.Load(parse.GetValue(run)!);
            if (!ProductPublisher.PublishedPeriods(outDir).TryGetValue(description.Period.Key, out var folder))
                throw new Core.Errors.DataFileException(Path.Combine(outDir, "products"), null, $"period {description.Period.Key} is not published (run `tamrl publish` first)");
            var towers = parse.GetValue(dataset) is { } path ? TrainingDomain.TowerPositions(path, TrainingDomain.TrainingSitesOf(description)) : null;
            var report = TruthScorer.Score(parse.GetValue(run)!, folder, parse.GetValue(truth)!, Path.Combine(outDir, "reports"), towers: towers);
            Console.Out.Write(report.ToMarkdown());
            return 0;
        }));
        return command;
    }
}
