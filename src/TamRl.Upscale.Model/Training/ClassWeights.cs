namespace TamRl.Upscale.Model.Training;

/// <summary>
/// Inverse-frequency weights of the training sites' IGBP and Koppen classes, multiplied per site and
/// scaled to a mean of 1 over the training sites, so that rare biomes and climates count as much as
/// common ones in the loss (as in the reference code).
/// </summary>
public static class ClassWeights
{
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
