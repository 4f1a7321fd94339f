using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Model.Baselines;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;
using TamRl.Upscale.Sites.Dataset;
using TamRl.Upscale.Sites.Splits;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Evaluation;

/// <summary>
/// The paper's comparison: for each stratified split, every model is trained on the training sites
/// (sequence models as seed ensembles, early-stopped on the temporal hold-out) and predicts the held-out
/// sites' whole series through the same <see cref="IFluxPredictor"/> path inference uses (TAM-RL's
/// support sets come from each site's own drivers); each site is then scored on its QC = 1 days.
/// </summary>
public sealed class EvaluationRunner
{
    private readonly Device device;
    private readonly Action<string> log;

    public EvaluationRunner(Device device, Action<string>? log = null)
    {
        this.device = device;
        this.log = log ?? (_ => { });
    }

    public IReadOnlyList<SiteResult> Run(SiteSeriesSet data, SiteSplits splits, EvaluationOptions options)
    {
        var results = new List<SiteResult>();
        foreach (var name in options.Splits)
        {
            var split = splits[name];
            var train = split.Train.Where(data.SiteIds.Contains).Select(data.IndexOf).ToArray();
            var test = split.Test.Where(data.SiteIds.Contains).Select(data.IndexOf).ToArray();
            if (train.Length == 0 || test.Length == 0)
                throw new ArgumentException($"split '{name}' leaves {train.Length} training and {test.Length} test sites in the dataset");
            var encoding = FeatureEncoding.Fit(data, train);
            var sites = new EncodedSites(data, encoding);
            var block = Pixels(data, test);
            foreach (var kind in options.Models)
            {
                var started = DateTime.UtcNow;
                var predictor = Train(kind, sites, train, options, name);
                var fluxes = predictor.Predict(block);
                results.AddRange(Score(name, ModelKinds.Name(kind), data, test, fluxes));
                log($"{name}: {ModelKinds.Name(kind)} trained and scored on {test.Length} test sites in {(DateTime.UtcNow - started).TotalSeconds:F0} s");
            }
            if (options.TowerTruth is { } truth)
            {
                results.AddRange(Score(name, TowerTruth.TruthModel, data, test, truth.Predictions(data, test, withoutLatent: false)));
                results.AddRange(Score(name, TowerTruth.NoLatentModel, data, test, truth.Predictions(data, test, withoutLatent: true)));
                log($"{name}: the tower truth of {truth.Path} scored on the same sites (the floors)");
            }
        }
        return results;
    }

    private IFluxPredictor Train(ModelKind kind, EncodedSites sites, int[] train, EvaluationOptions options, string split)
    {
        if (kind == ModelKind.Trees)
            return TreesBaseline.Train(sites, train, options.Trees, options.Seeds[0], options.Training.HoldoutFraction);
        var checkpoints = options.CheckpointRoot is null ? null : Path.Combine(options.CheckpointRoot, split);
        var members = new EnsembleTrainer(sites, train, options.Training, device)
            .Train(kind, options.Seeds, checkpoints, (m, r) => log($"{split}: {ModelKinds.Name(kind)} member {m} epoch {r.Epoch} fit {r.FitLoss:F4} hold-out {r.HoldoutLoss:F4}{(r.Improved ? " *" : "")}"));
        return new EnsemblePredictor(members.Select(m => m.Model).ToList(), sites.Encoding, options.Training.WindowLength,
            $"{ModelKinds.Name(kind)}-{split}", options.Precision, device, warmupDays: options.Training.WarmupDays);
    }

    /// <summary>The given sites as a block of pixels: drivers and static features only.</summary>
    public static PixelBlock Pixels(SiteSeriesSet data, IReadOnlyList<int> sites)
    {
        var f = SiteSeriesSet.Features;
        var drivers = new float[sites.Count * data.Days * f];
        for (var i = 0; i < sites.Count; i++)
            data.SiteDrivers(sites[i]).CopyTo(drivers.AsSpan(i * data.Days * f));
        return new PixelBlock(sites.Count, data.Days, drivers, sites.Select(s => data.Igbp[s]).ToArray(), sites.Select(s => data.Koppen[s]).ToArray(),
            sites.Select(s => data.Latitude[s]).ToArray(), sites.Select(s => data.Longitude[s]).ToArray());
    }

    private static List<SiteResult> Score(string split, string model, SiteSeriesSet data, int[] test, FluxBlock fluxes)
    {
        var results = new List<SiteResult>();
        var days = data.Days;
        for (var i = 0; i < test.Length; i++)
        {
            var s = test[i];
            var qc = data.Qc.AsSpan(s * days, days);
            var observed = new[] { data.Gpp, data.Reco, data.Nee };
            var predicted = new[] { fluxes.Gpp, fluxes.Reco, fluxes.Nee };
            for (var flux = 0; flux < 3; flux++)
            {
                var metrics = FluxMetrics.Compute(observed[flux].AsSpan(s * days, days), predicted[flux].AsSpan(i * days, days), qc);
                if (metrics is not null)
                    results.Add(new SiteResult(split, data.SiteIds[s], ClassName(StaticClasses.IgbpCodes, data.Igbp[s]),
                        ClassName(StaticClasses.KoppenCodes, data.Koppen[s]), model, Fluxes.Names[flux], metrics));
            }
        }
        return results;
    }

    private static string ClassName(IReadOnlyList<string> codes, int index) => index >= 0 && index < codes.Count ? codes[index] : $"#{index}";
}
