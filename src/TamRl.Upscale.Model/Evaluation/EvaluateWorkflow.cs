using TamRl.Upscale.Model.Runtime;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;

namespace TamRl.Upscale.Model.Evaluation;

/// <summary>
/// <c>tamrl evaluate</c>: the comparison of every configured model on every configured split; writes
/// OUT/reports/ (evaluation.json, evaluation.md, figures/) through a staging folder.
/// </summary>
public static class EvaluateWorkflow
{
    public static string Run(ModelRunConfig config, string outDirectory, string? deviceOverride, Action<string> log)
    {
        var data = TrainWorkflow.LoadData(config, out var splits);
        var device = TorchRuntime.ResolveDevice(deviceOverride ?? config.Device);
        var root = Path.GetFullPath(outDirectory);
        var options = new EvaluationOptions
        {
            Models = config.Models.Select(ModelKinds.Parse).ToList(),
            Splits = config.EvaluateSplits,
            Seeds = config.Seeds,
            Training = config.Training,
            Trees = config.Trees,
            Precision = config.InferencePrecision,
            CheckpointRoot = Path.Combine(root, "evaluation.checkpoints"),
            TowerTruth = config.TowerTruth is { } truth ? TowerTruth.Read(config.Resolve(truth), data.FirstDay, data.Days) : null,
        };
        var results = new EvaluationRunner(device, log).Run(data, splits, options);
        var reports = Path.Combine(root, "reports");
        var staging = reports + ".staging";
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        var provenance = new Dictionary<string, string>
        {
            ["dataset"] = config.Resolve(config.Dataset),
            ["splits"] = config.Resolve(config.Splits),
            ["seeds"] = string.Join(",", config.Seeds),
            ["device"] = device.type.ToString(),
            ["generated"] = Core.Time.ReproducibleClock.Now().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        };
        EvaluationReport.Write(staging, new EvaluationSummary(results), "TAM-RL and baselines on held-out sites", provenance);
        if (Directory.Exists(reports))
            Directory.Delete(reports, recursive: true);
        Directory.Move(staging, reports);
        return reports;
    }
}
