using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Model.Runtime;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;
using TamRl.Upscale.Sites.Dataset;
using TamRl.Upscale.Sites.Splits;

namespace TamRl.Upscale.Model.Evaluation;

/// <summary>
/// <c>tamrl evaluate</c>: the comparison of every configured model on every configured split; writes
/// OUT/reports/ (evaluation.json, evaluation.md, figures/) through a staging folder.
/// <para>
/// The splits, in order of precedence: a user's split file (<c>--splits</c>, schemas/splits.schema.json); stratified
/// IGBP and Koppen splits drawn anew for each of the configuration's <c>splitSeeds</c> (repeats, so that a ratio comes
/// with its spread); or the dataset's own splits.json, once.
/// </para>
/// </summary>
public static class EvaluateWorkflow
{
    /// <param name="validation">
    /// Score on validation sites instead of test sites: each split's training sites are split again (stratified the same
    /// way, seeded by the repeat) and the models train on the rest. Settings are chosen this way, on training sites only;
    /// the test sites are never read.
    /// </param>
    public static string Run(ModelRunConfig config, string outDirectory, string? deviceOverride, Action<string> log, string? splitsFile = null,
        bool validation = false)
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
            LandShares = config.LandShares(),
            Precision = config.InferencePrecision,
            MinimumTestQc = config.MinimumTestQc,
            // Validation trains on other sites than the test run: its members must not meet the test run's checkpoints.
            CheckpointRoot = Path.Combine(root, validation ? "evaluation.checkpoints-validation" : "evaluation.checkpoints"),
            TowerTruth = config.TowerTruth is { } truth ? TowerTruth.Read(config.Resolve(truth), data.FirstDay, data.Days) : null,
        };
        var plan = Splits(config, data, splits, splitsFile);
        if (validation)
            plan = plan.Select(s => Validation(s, data, config.TestFraction)).ToList();
        log($"evaluating {string.Join(", ", config.Models)} on {plan.Count} split(s) of {data.Sites} sites x {data.Days} days ({string.Join(", ", data.FeatureNames)})");
        var results = new EvaluationRunner(device, log).Run(data, plan, options);
        var reports = Path.Combine(root, "reports");
        var provenance = new Dictionary<string, string>
        {
            ["scored_on"] = validation ? "validation sites drawn from each split's training sites (test sites not read)" : "test sites",
            ["dataset"] = config.Resolve(config.Dataset),
            ["splits"] = splitsFile is not null ? Path.GetFullPath(splitsFile)
                : config.SplitSeeds.Count > 0 ? $"stratified, drawn with seeds {string.Join(",", config.SplitSeeds)}, test fraction {config.TestFraction}"
                : config.Resolve(config.Splits),
            ["features"] = string.Join(",", data.FeatureNames),
            ["seeds"] = string.Join(",", config.Seeds),
            ["minimum_test_qc"] = config.MinimumTestQc.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["device"] = device.type.ToString(),
            ["generated"] = Core.Time.ReproducibleClock.Now().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        };
        var context = config.CarbonBench is { } cb ? CarbonBenchResults.Read(config.Resolve(cb)) : null;
        IO.Files.FolderSwap.Write(reports, staging => EvaluationReport.Write(staging, new EvaluationSummary(results),
            validation ? "TAM-RL and baselines on validation sites (inner splits of the training sites)" : "TAM-RL and baselines on held-out sites", provenance, context));
        return reports;
    }

    /// <summary>
    /// Rewrites OUT/reports from its own evaluation.json (the per-site results and provenance), without training: the
    /// aggregates, statistics and figures of this version, e.g. after the statistics changed.
    /// </summary>
    public static string RewriteReports(ModelRunConfig config, string outDirectory)
    {
        var reports = Path.Combine(Path.GetFullPath(outDirectory), "reports");
        var (results, provenance) = EvaluationReport.Read(Path.Combine(reports, "evaluation.json"));
        var context = config.CarbonBench is { } cb ? CarbonBenchResults.Read(config.Resolve(cb)) : null;
        var validation = provenance.TryGetValue("scored_on", out var on) && on.StartsWith("validation", StringComparison.Ordinal);
        IO.Files.FolderSwap.Write(reports, staging => EvaluationReport.Write(staging, new EvaluationSummary(results),
            validation ? "TAM-RL and baselines on validation sites (inner splits of the training sites)" : "TAM-RL and baselines on held-out sites",
            provenance, context));
        return reports;
    }

    /// <summary>
    /// The inner split of a split's training sites: validation sites drawn stratified as the split is (IGBP for "igbp" and
    /// for a user's split, Koppen for "koppen"), with a seed derived from the repeat so each repeat validates on its own sites.
    /// </summary>
    internal static EvaluationSplit Validation(EvaluationSplit split, SiteSeriesSet data, double fraction)
    {
        var train = split.Train.Where(data.SiteIds.Contains).Select(data.IndexOf)
            .Select(i => new SiteInfo(data.SiteIds[i], data.Latitude[i], data.Longitude[i], data.Igbp[i], data.Koppen[i], "")).ToList();
        Func<SiteInfo, int> stratum = split.Name == SiteSplits.ByKoppen ? s => s.Koppen : s => s.Igbp;
        var inner = ZeroShotSplitter.Split(train, stratum, unchecked(split.Repeat * 7919 + 104729), fraction);
        return new EvaluationSplit(split.Name, split.Repeat, inner.Train, inner.Test);
    }

    /// <summary>The splits to run (see the class comment).</summary>
    internal static IReadOnlyList<EvaluationSplit> Splits(ModelRunConfig config, SiteSeriesSet data, SiteSplits datasetSplits, string? splitsFile)
    {
        if (splitsFile is not null)
        {
            var user = UserSplitsFile.Read(splitsFile);
            // A site the dataset lacks (a typo, a tower left out at extraction) would silently shrink the comparison.
            for (var i = 0; i < user.Count; i++)
                foreach (var (field, ids) in new[] { ("train", user[i].Split.Train), ("test", user[i].Split.Test) })
                    if (ids.FirstOrDefault(id => !data.SiteIds.Contains(id)) is { } missing)
                        throw new InvalidInputException(Path.GetFullPath(splitsFile), $"splits[{i}].{field}",
                            $"site '{missing}' is not in the dataset {config.Resolve(config.Dataset)} ({data.Sites} sites)");
            return user.Select(s => new EvaluationSplit(s.Name, 0, s.Split.Train, s.Split.Test)).ToList();
        }
        if (config.SplitSeeds.Count > 0)
        {
            var sites = Enumerable.Range(0, data.Sites)
                .Select(i => new SiteInfo(data.SiteIds[i], data.Latitude[i], data.Longitude[i], data.Igbp[i], data.Koppen[i], "")).ToList();
            var result = new List<EvaluationSplit>();
            foreach (var seed in config.SplitSeeds)
            {
                var drawn = ZeroShotSplitter.SplitByIgbpAndKoppen(sites, seed, config.TestFraction);
                result.AddRange(config.EvaluateSplits.Select(name => new EvaluationSplit(name, seed, drawn[name].Train, drawn[name].Test)));
            }
            return result;
        }
        return config.EvaluateSplits.Select(name =>
        {
            try
            {
                return new EvaluationSplit(name, 0, datasetSplits[name].Train, datasetSplits[name].Test);
            }
            catch (KeyNotFoundException e)
            {
                throw new InvalidInputException(config.Resolve(config.Splits), "splits", e.Message, e);
            }
        }).ToList();
    }
}
