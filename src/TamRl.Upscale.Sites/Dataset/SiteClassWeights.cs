namespace TamRl.Upscale.Sites.Dataset;

/// <summary>
/// Inverse-frequency class weights over sites, as the paper's loss uses for IGBP and Koppen classes: a
/// site of a class with k of the N sites weighs N / (C k), C the number of classes present, so that every
/// class carries the same total weight and the mean weight over sites is 1.
/// </summary>
public static class SiteClassWeights
{
    /// <summary>Weight by class index, for the classes present among <paramref name="sites"/>.</summary>
    public static IReadOnlyDictionary<int, float> InverseFrequency(IEnumerable<SiteInfo> sites, Func<SiteInfo, int> classOf)
    {
        var counts = sites.GroupBy(classOf).ToDictionary(g => g.Key, g => g.Count());
        var total = counts.Values.Sum();
        return counts.ToDictionary(p => p.Key, p => (float)total / (counts.Count * p.Value));
    }

    /// <summary>One weight per site of <paramref name="sites"/>, in order.</summary>
    public static float[] PerSite(IReadOnlyList<SiteInfo> sites, Func<SiteInfo, int> classOf)
    {
        var weights = InverseFrequency(sites, classOf);
        return sites.Select(s => weights[classOf(s)]).ToArray();
    }
}
