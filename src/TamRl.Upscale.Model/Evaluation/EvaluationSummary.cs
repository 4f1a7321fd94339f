namespace TamRl.Upscale.Model.Evaluation;

/// <summary>
/// Mean per-site scores of one model for one flux in one split, over every (site, repeat) scored, with the medians
/// beside the means (a mean of per-site R2 is dominated by a few low-variance sites).
/// </summary>
public sealed record MeanScores(double Rmse, double R2, double Nmae, int Sites, double? RmseRelativeToTrees)
{
    public double MedianRmse { get; init; } = double.NaN;
    public double MedianR2 { get; init; } = double.NaN;
}

/// <summary>
/// The aggregates the paper reports, from per-site results: mean per-site RMSE, R2 and nMAE per split,
/// model and flux; mean RMSE by IGBP class and by Koppen main class (A..E, as the paper groups them);
/// RMSE relative to the trees baseline (mean RMSE of the model over mean RMSE of the trees on the same
/// sites).
/// </summary>
public sealed class EvaluationSummary
{
    public const string TreesModel = "trees";

    public EvaluationSummary(IReadOnlyList<SiteResult> results)
    {
        Results = results;
        Splits = results.Select(r => r.Split).Distinct().ToList();
        Models = results.Select(r => r.Model).Distinct().ToList();
        Repeats = results.Select(r => r.Repeat).Distinct().Order().ToList();
    }

    /// <summary>The repeats scored (split seeds; a single 0 when the splits were not repeated).</summary>
    public IReadOnlyList<int> Repeats { get; }

    public IReadOnlyList<SiteResult> Results { get; }
    public IReadOnlyList<string> Splits { get; }
    public IReadOnlyList<string> Models { get; }

    /// <summary>How a model is named in tables and figures: the paper's names, and the tower truth's floors spelled out.</summary>
    public static string DisplayName(string model) => model switch
    {
        TowerTruth.TruthModel => "Tower truth (noise-free; the floor)",
        TowerTruth.NoLatentModel => "Truth without the latent field",
        _ => TryModelName(model),
    };

    private static string TryModelName(string model)
    {
        try
        {
            return TamRl.ModelKinds.DisplayName(TamRl.ModelKinds.Parse(model));
        }
        catch (ArgumentException)
        {
            return model;
        }
    }

    public static string KoppenMain(string koppen) => koppen.Length > 0 && char.IsUpper(koppen[0]) ? koppen[..1] : koppen;

    public MeanScores? Mean(string split, string model, string flux)
    {
        var rows = Results.Where(r => r.Split == split && r.Model == model && r.Flux == flux).ToList();
        if (rows.Count == 0)
            return null;
        return new MeanScores(rows.Average(r => r.Metrics.Rmse), MeanFinite(rows.Select(r => r.Metrics.R2)), MeanFinite(rows.Select(r => r.Metrics.Nmae)),
            rows.Count, RelativeToTrees(rows, split, flux))
        {
            MedianRmse = EvaluationStatistics.Median(rows.Select(r => r.Metrics.Rmse)),
            MedianR2 = EvaluationStatistics.Median(rows.Select(r => r.Metrics.R2)),
        };
    }

    /// <summary>The model against the trees on the same held-out sites and repeats (<see cref="PairedComparison"/>); null without trees.</summary>
    public PairedComparison? CompareWithTrees(string split, string model, string flux)
    {
        var trees = Results.Where(r => r.Split == split && r.Model == TreesModel && r.Flux == flux)
            .ToDictionary(r => (r.Site, r.Repeat), r => r.Metrics.Rmse);
        var pairs = Results.Where(r => r.Split == split && r.Model == model && r.Flux == flux && trees.ContainsKey((r.Site, r.Repeat)))
            .Select(r => (r.Site, r.Repeat, r.Metrics.Rmse, trees[(r.Site, r.Repeat)])).ToList();
        return EvaluationStatistics.Compare(pairs);
    }

    /// <summary>Mean RMSE per class; <paramref name="byKoppen"/> groups by Koppen main class, otherwise by IGBP.</summary>
    public IReadOnlyDictionary<string, double> MeanRmseByClass(string split, string model, string flux, bool byKoppen) =>
        Results.Where(r => r.Split == split && r.Model == model && r.Flux == flux)
            .GroupBy(r => byKoppen ? KoppenMain(r.Koppen) : r.Igbp)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(r => r.Metrics.Rmse));

    /// <summary>Per class, the model's mean RMSE over the trees' mean RMSE on the same sites.</summary>
    public IReadOnlyDictionary<string, double> RelativeRmseByClass(string split, string model, string flux, bool byKoppen)
    {
        var result = new Dictionary<string, double>();
        var rows = Results.Where(r => r.Split == split && r.Model == model && r.Flux == flux)
            .GroupBy(r => byKoppen ? KoppenMain(r.Koppen) : r.Igbp).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in rows)
        {
            var relative = RelativeToTrees(group.ToList(), split, flux);
            if (relative is not null)
                result[group.Key] = relative.Value;
        }
        return result;
    }

    private double? RelativeToTrees(IReadOnlyList<SiteResult> rows, string split, string flux)
    {
        var trees = Results.Where(r => r.Split == split && r.Model == TreesModel && r.Flux == flux).ToDictionary(r => (r.Site, r.Repeat), r => r.Metrics.Rmse);
        var paired = rows.Where(r => trees.ContainsKey((r.Site, r.Repeat))).ToList();
        if (paired.Count == 0)
            return null;
        var treesMean = paired.Average(r => trees[(r.Site, r.Repeat)]);
        return treesMean > 0 ? paired.Average(r => r.Metrics.Rmse) / treesMean : null;
    }

    private static double MeanFinite(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count > 0 ? finite.Average() : double.NaN;
    }
}
