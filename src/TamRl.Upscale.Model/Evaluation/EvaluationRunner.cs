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

    public IReadOnlyList<SiteResult> Run(SiteSeriesSet data, SiteSplits splits, EvaluationOptions options) =>
        Run(data, options.Splits.Select(name => new EvaluationSplit(name, 0, splits[name].Train, splits[name].Test)).ToList(), options);

    /// <summary>Every model on every split (and repeat); test sites missing from the dataset are left out.</summary>
    public IReadOnlyList<SiteResult> Run(SiteSeriesSet data, IReadOnlyList<EvaluationSplit> splits, EvaluationOptions options)
    {
        var results = new List<SiteResult>();
        foreach (var split in splits)
        {
            var name = split.Name;
            var label = split.Repeat == 0 ? name : $"{name}, repeat {split.Repeat}";
            var train = split.Train.Where(data.SiteIds.Contains).Select(data.IndexOf).ToArray();
            var test = split.Test.Where(data.SiteIds.Contains).Select(data.IndexOf).ToArray();
            if (train.Length == 0 || test.Length == 0)
                throw new ArgumentException($"split '{label}' leaves {train.Length} training and {test.Length} test sites in the dataset");
            var encoding = FeatureEncoding.Fit(data, train) with { Location = options.Training.Location };
            var sites = new EncodedSites(data, encoding);
            var checkpoints = split.Repeat == 0 ? name : $"{name}-r{split.Repeat}";
            foreach (var kind in options.Models)
            {
                var started = DateTime.UtcNow;
                var predictor = Train(kind, sites, train, options, checkpoints);
                var fluxes = PredictRecords(predictor, data, test);
                results.AddRange(Score(name, ModelKinds.Name(kind), data, test, fluxes, options.MinimumTestQc).Select(r => r with { Repeat = split.Repeat }));
                log($"{label}: {ModelKinds.Name(kind)} trained and scored on {test.Length} test sites in {(DateTime.UtcNow - started).TotalSeconds:F0} s");
            }
            if (options.TowerTruth is { } truth)
            {
                results.AddRange(Score(name, TowerTruth.TruthModel, data, test, truth.Predictions(data, test, withoutLatent: false), options.MinimumTestQc)
                    .Select(r => r with { Repeat = split.Repeat }));
                results.AddRange(Score(name, TowerTruth.NoLatentModel, data, test, truth.Predictions(data, test, withoutLatent: true), options.MinimumTestQc)
                    .Select(r => r with { Repeat = split.Repeat }));
                log($"{label}: the tower truth of {truth.Path} scored on the same sites (the floors)");
            }
        }
        return results;
    }

    /// <summary>
    /// Predictions of the test sites on the dataset's whole axis, each site predicted over its own record only (its
    /// support set and the decoder never read the padding around it); NaN outside the record. Sites sharing one record
    /// (every site of a sample world) go through as one block.
    /// </summary>
    public static FluxBlock PredictRecords(IFluxPredictor predictor, SiteSeriesSet data, IReadOnlyList<int> test)
    {
        var days = data.Days;
        var n = test.Count;
        var result = new FluxBlock(n, days, Nan(n * days), Nan(n * days), Nan(n * days), Nan(n * days), Nan(n * days), Nan(n * days));
        foreach (var group in Enumerable.Range(0, n).GroupBy(i => (data.ValidFrom[test[i]], data.ValidTo[test[i]])))
        {
            var (from, to) = group.Key;
            if (to <= from)
                continue;
            var members = group.ToArray();
            var part = predictor.Predict(Pixels(data, members.Select(i => test[i]).ToArray(), from, to - from));
            var length = to - from;
            for (var k = 0; k < members.Length; k++)
                foreach (var (source, target) in new[] { (part.Gpp, result.Gpp), (part.Reco, result.Reco), (part.Nee, result.Nee),
                                                         (part.GppSpread, result.GppSpread), (part.RecoSpread, result.RecoSpread), (part.NeeSpread, result.NeeSpread) })
                    Array.Copy(source, k * length, target, members[k] * days + from, length);
        }
        return result;

        static float[] Nan(int count)
        {
            var a = new float[count];
            Array.Fill(a, float.NaN);
            return a;
        }
    }

    private IFluxPredictor Train(ModelKind kind, EncodedSites sites, int[] train, EvaluationOptions options, string split)
    {
        if (kind == ModelKind.Trees)
            return TreesBaseline.Train(sites, train, options.Trees, options.Seeds[0], options.Training.HoldoutFraction);
        var checkpoints = options.CheckpointRoot is null ? null : Path.Combine(options.CheckpointRoot, split);
        var weights = ClassWeights.For(options.Training, sites.Data, train, options.LandShares);
        var members = new EnsembleTrainer(sites, train, options.Training, device, weights)
            .Train(kind, options.Seeds, checkpoints, (m, r) => log($"{split}: {ModelKinds.Name(kind)} member {m} epoch {r.Epoch} fit {r.FitLoss:F4} hold-out {r.HoldoutLoss:F4}{(r.Improved ? " *" : "")}"));
        return new EnsemblePredictor(members.Select(m => m.Model).ToList(), sites.Encoding, options.Training.WindowLength,
            $"{ModelKinds.Name(kind)}-{split}", options.Precision, device, warmupDays: options.Training.WarmupDays,
            balance: FluxOutputs.ParseMode(options.Training.Balance) ?? BalanceMode.Equal, supportWindows: options.Training.SupportWindows);
    }

    /// <summary>The given sites as a block of pixels: drivers and static features only, over the whole axis.</summary>
    public static PixelBlock Pixels(SiteSeriesSet data, IReadOnlyList<int> sites) => Pixels(data, sites, 0, data.Days);

    /// <summary>The given sites as a block of pixels over <paramref name="count"/> days from <paramref name="from"/>.</summary>
    public static PixelBlock Pixels(SiteSeriesSet data, IReadOnlyList<int> sites, int from, int count)
    {
        var f = data.Features;
        var drivers = new float[(long)sites.Count * count * f];
        for (var i = 0; i < sites.Count; i++)
            data.SiteDrivers(sites[i]).Slice(from * f, count * f).CopyTo(drivers.AsSpan(i * count * f));
        return new PixelBlock(sites.Count, count, drivers, sites.Select(s => data.Igbp[s]).ToArray(), sites.Select(s => data.Koppen[s]).ToArray(),
            sites.Select(s => data.Latitude[s]).ToArray(), sites.Select(s => data.Longitude[s]).ToArray())
        {
            FeatureNames = data.FeatureNames,
        };
    }

    private static List<SiteResult> Score(string split, string model, SiteSeriesSet data, int[] test, FluxBlock fluxes, double minimumQc)
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
                var metrics = FluxMetrics.Compute(observed[flux].AsSpan(s * days, days), predicted[flux].AsSpan(i * days, days), qc, minimumQc);
                if (metrics is not null)
                    results.Add(new SiteResult(split, data.SiteIds[s], ClassName(StaticClasses.IgbpCodes, data.Igbp[s]),
                        ClassName(StaticClasses.KoppenCodes, data.Koppen[s]), model, Fluxes.Names[flux], metrics));
            }
        }
        return results;
    }

    private static string ClassName(IReadOnlyList<string> codes, int index) => index >= 0 && index < codes.Count ? codes[index] : $"#{index}";
}
