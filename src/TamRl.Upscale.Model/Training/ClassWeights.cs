namespace TamRl.Upscale.Model.Training;

/// <summary>
/// Per-site loss weights from the training sites' IGBP and Koppen classes, scaled to a mean of 1 over the training
/// sites (<see cref="TrainingOptions.ClassWeights"/>): <see cref="PerSite"/>, the paper's inverse frequency, gives
/// every class the same total weight; <see cref="LandRepresentative"/> gives every class the weight of its share of
/// the land.
/// </summary>
public static class ClassWeights
{
    /// <summary>
    /// The most one site may weigh against the mean (and the least, its inverse) under land-representative weights.
    /// Importance weights of a few towers standing for a large area (one barren tower for a tenth of the land) grow
    /// without bound; truncating them trades a little of the shift's correction for a loss that no single tower's
    /// noise dominates (truncated importance sampling). Chosen before any result, not tuned.
    /// </summary>
    public const double LandWeightCap = 10;

    /// <summary>
    /// Importance weights against the towers' covariate shift: a site's weight is, per classification (IGBP and
    /// Koppen), its class's share of the land over the class's share of the training sites, the two ratios
    /// multiplied (classes independent, as the paper's weights take them). Land shares are taken over the classes
    /// some training site holds (the others no tower can stand for; the domain map flags them). Weights are scaled to
    /// a mean of 1 and held within [1/<see cref="LandWeightCap"/>, <see cref="LandWeightCap"/>].
    /// </summary>
    public static float[] LandRepresentative(SiteSeriesSet data, IReadOnlyList<int> sites, LandClassShares land)
    {
        var weights = new float[data.Sites];
        if (sites.Count == 0)
            return weights;
        var igbp = ShareRatios(sites.Select(s => data.Igbp[s]).ToList(), land.Igbp);
        var koppen = ShareRatios(sites.Select(s => data.Koppen[s]).ToList(), land.Koppen);
        var raw = sites.Select(s => igbp[data.Igbp[s]] * koppen[data.Koppen[s]]).ToArray();
        var held = Truncate(raw, LandWeightCap);
        for (var i = 0; i < sites.Count; i++)
            weights[sites[i]] = (float)held[i];
        return weights;
    }

    /// <summary>
    /// The weights <paramref name="options"/> ask for: the paper's (<see cref="PerSite"/>) or, for "land",
    /// <see cref="LandRepresentative"/> on <paramref name="land"/>, which must then be given.
    /// </summary>
    public static float[] For(TrainingOptions options, SiteSeriesSet data, IReadOnlyList<int> sites, LandClassShares? land) =>
        options.ClassWeights == "land"
            ? LandRepresentative(data, sites, land ?? throw new ArgumentException("training.classWeights \"land\" needs the land shares of the configuration's landCover"))
            : PerSite(data, sites);

    /// <summary>The Kish effective number of sites of a weighting, (sum w)^2 / sum w^2, over <paramref name="sites"/>.</summary>
    public static double EffectiveSites(float[] weights, IReadOnlyList<int> sites)
    {
        double sum = 0, squares = 0;
        foreach (var s in sites)
        {
            sum += weights[s];
            squares += (double)weights[s] * weights[s];
        }
        return squares > 0 ? sum * sum / squares : 0;
    }

    /// <summary>Land share over site share per class of the sites; a class on no land cell of the grid keeps ratio 1 before truncation (its towers still stand for something the grid's resolution lost).</summary>
    private static Dictionary<int, double> ShareRatios(IReadOnlyList<int> classes, IReadOnlyDictionary<int, double> landShare)
    {
        var counts = classes.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var covered = counts.Keys.Sum(c => landShare.GetValueOrDefault(c));
        return counts.ToDictionary(p => p.Key, p =>
        {
            var land = landShare.GetValueOrDefault(p.Key);
            return covered > 0 && land > 0 ? land / covered / ((double)p.Value / classes.Count) : 1.0;
        });
    }

    /// <summary>Scales to a mean of 1 and clips to [1/cap, cap], repeated until the clipped weights keep a mean of 1.</summary>
    private static double[] Truncate(double[] raw, double cap)
    {
        var w = (double[])raw.Clone();
        for (var round = 0; round < 100; round++)
        {
            var mean = w.Average();
            var changed = false;
            for (var i = 0; i < w.Length; i++)
            {
                var v = Math.Clamp(w[i] / mean, 1 / cap, cap);
                changed |= Math.Abs(v - w[i]) > 1e-12;
                w[i] = v;
            }
            if (!changed)
                break;
        }
        return w;
    }

    /// <summary>A weight per dataset site (0 for sites not in <paramref name="sites"/>).</summary>
    public static float[] PerSite(SiteSeriesSet data, IReadOnlyList<int> sites)
    {
        var weights = new float[data.Sites];
        if (sites.Count == 0)
            return weights;
        var igbpCounts = sites.GroupBy(s => data.Igbp[s]).ToDictionary(g => g.Key, g => g.Count());
        var koppenCounts = sites.GroupBy(s => data.Koppen[s]).ToDictionary(g => g.Key, g => g.Count());
        double total = 0;
        foreach (var s in sites)
        {
            var w = (double)sites.Count / (igbpCounts.Count * igbpCounts[data.Igbp[s]])
                  * sites.Count / (koppenCounts.Count * koppenCounts[data.Koppen[s]]);
            weights[s] = (float)w;
            total += w;
        }
        var scale = sites.Count / total;
        foreach (var s in sites)
            weights[s] = (float)(weights[s] * scale);
        return weights;
    }
}
