using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.Runtime;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Sites.Dataset;
using TamRl.Upscale.Sites.Splits;

namespace TamRl.Upscale.Model.Training;

/// <summary>
/// <c>tamrl train</c>: reads the training dataset and splits, trains the configured ensemble on the
/// chosen split's training sites (checkpoints in OUT/model.checkpoints, so a rerun resumes) and writes
/// the bundle to OUT/model (staged, moved in place when complete).
/// </summary>
public static class TrainWorkflow
{
    public static string Run(ModelRunConfig config, string outDirectory, string? deviceOverride, Action<string> log, CancellationToken cancel = default)
    {
        var datasetPath = config.Resolve(config.Dataset);
        var data = LoadData(config, out var splits);
        var device = TorchRuntime.ResolveDevice(deviceOverride ?? config.Device);
        var trainIds = config.Split == "all" ? data.SiteIds : Split(splits, config).Train.Where(data.SiteIds.Contains).ToArray();
        if (trainIds.Length == 0)
            throw new InvalidInputException(config.SourcePath, "split", $"split '{config.Split}' leaves no training site in {datasetPath}");
        var train = trainIds.Select(data.IndexOf).ToArray();
        var encoding = FeatureEncoding.Fit(data, train) with { Location = config.Training.Location };
        var kind = ModelKinds.Parse(config.Model);
        log($"training {ModelKinds.DisplayName(kind)}: {train.Length} sites x {data.Days} days, {config.Seeds.Count} members, device {device.type}");
        var root = Path.GetFullPath(outDirectory);
        var weights = SiteWeights(config, data, train, log);
        var members = new EnsembleTrainer(new EncodedSites(data, encoding), train, config.Training, device, weights)
            .Train(kind, config.Seeds, Path.Combine(root, "model.checkpoints"),
                (m, r) => log($"member {m} epoch {r.Epoch}: fit {r.FitLoss:F4} hold-out {r.HoldoutLoss:F4} ({r.Seconds:F1} s){(r.Improved ? " *" : "")}"),
                cancel);
        var bundle = Path.Combine(root, "model");
        ModelBundle.Save(bundle, encoding, config.Training.WindowLength, members, trainIds, config.Split, config.Training.WarmupDays, config.Training.Balance,
            supportWindows: config.Training.SupportWindows);
        return bundle;
    }

    /// <summary>The per-site loss weights the configuration asks for (<see cref="ClassWeights.For"/>); land-representative ones are logged.</summary>
    internal static float[] SiteWeights(ModelRunConfig config, SiteSeriesSet data, IReadOnlyList<int> train, Action<string> log)
    {
        var weights = ClassWeights.For(config.Training, data, train, config.LandShares());
        if (config.Training.ClassWeights != "land")
            return weights;
        var trained = train.Select(s => weights[s]).ToArray();
        log($"land-representative class weights: {trained.Min():F2}..{trained.Max():F2}, " +
            $"{trained.Count(w => w >= ClassWeights.LandWeightCap * 0.999)} sites at the cap, effective sites {ClassWeights.EffectiveSites(weights, train):F0} of {train.Count}");
        return weights;
    }

    internal static SiteSeriesSet LoadData(ModelRunConfig config, out SiteSplits splits)
    {
        var datasetPath = config.Resolve(config.Dataset);
        if (!File.Exists(datasetPath))
            throw new InvalidInputException(config.SourcePath, "dataset", $"'{datasetPath}' does not exist (run tamrl extract-sites first)");
        var splitsPath = config.Resolve(config.Splits);
        if (!File.Exists(splitsPath))
            throw new InvalidInputException(config.SourcePath, "splits", $"'{splitsPath}' does not exist");
        splits = SplitsFile.Read(splitsPath);
        return SiteSeriesSets.From(TrainingDatasetFile.Read(datasetPath), datasetPath);
    }

    internal static SiteSplit Split(SiteSplits splits, ModelRunConfig config)
    {
        try
        {
            return splits[config.Split];
        }
        catch (Exception e) when (e is KeyNotFoundException or ArgumentException)
        {
            throw new InvalidInputException(config.Resolve(config.Splits), "splits", $"no split '{config.Split}': {e.Message}", e);
        }
    }
}
