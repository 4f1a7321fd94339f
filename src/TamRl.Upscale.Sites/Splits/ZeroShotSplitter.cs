using TamRl.Upscale.Core.Randomness;
using TamRl.Upscale.Sites.Dataset;

namespace TamRl.Upscale.Sites.Splits;

/// <summary>
/// Zero-shot splits as in the paper: whole sites held out for testing, stratified so that each class
/// (IGBP or Koppen) keeps its share in train and test.
/// <para>
/// Per stratum of n sites the test count is floor(n f) or ceil(n f); the strata that get the extra site are
/// those with the largest remainders n f - floor(n f) (ties broken by the seed) until the total is
/// round(N f), N all sites. So small strata (1-2 sites) do not all round to zero and the overall test share
/// stays f. Within a stratum the held-out sites are a seeded shuffle's first ones. Input order does not
/// matter (sites are sorted by id first), so the same seed and sites give the same split.
/// </para>
/// </summary>
public static class ZeroShotSplitter
{
    public const double DefaultTestFraction = 0.2;

    /// <summary>Splits stratified by IGBP and by Koppen, both from <paramref name="seed"/>.</summary>
    public static SiteSplits SplitByIgbpAndKoppen(IReadOnlyList<SiteInfo> sites, int seed, double testFraction = DefaultTestFraction) =>
        new(seed, testFraction, new Dictionary<string, SiteSplit>
        {
            [SiteSplits.ByIgbp] = Split(sites, s => s.Igbp, seed, testFraction),
            // a different stream for the second stratification, so the two splits are not correlated by construction
            [SiteSplits.ByKoppen] = Split(sites, s => s.Koppen, unchecked(seed * 31 + 17), testFraction),
        });

    /// <summary>One stratified split; train and test lists come back sorted by site id.</summary>
    public static SiteSplit Split(IReadOnlyList<SiteInfo> sites, Func<SiteInfo, int> stratum, int seed, double testFraction = DefaultTestFraction)
    {
        if (!(testFraction >= 0 && testFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "must be within 0..1");
        var rng = new SplitMix64(seed);
        var strata = sites.OrderBy(s => s.Id, StringComparer.Ordinal)
            .GroupBy(stratum)
            .OrderBy(g => g.Key)
            .Select(g => g.Select(s => s.Id).ToList())
            .ToArray();

        var quotas = strata.Select(s => s.Count * testFraction).ToArray();
        var counts = quotas.Select(q => (int)Math.Floor(q + 1e-9)).ToArray();
        var target = (int)Math.Round(sites.Count * testFraction, MidpointRounding.AwayFromZero);
        var order = Enumerable.Range(0, strata.Length).ToList();
        rng.Shuffle(order); // seeded tie-break among equal remainders
        var byRemainder = order.OrderByDescending(i => quotas[i] - counts[i]).ToArray();
        for (var k = 0; counts.Sum() < target && k < byRemainder.Length; k++)
            if (counts[byRemainder[k]] < strata[byRemainder[k]].Count && quotas[byRemainder[k]] - counts[byRemainder[k]] > 1e-9)
                counts[byRemainder[k]]++;

        var train = new List<string>();
        var test = new List<string>();
        for (var i = 0; i < strata.Length; i++)
        {
            var ids = strata[i];
            rng.Shuffle(ids);
            test.AddRange(ids.Take(counts[i]));
            train.AddRange(ids.Skip(counts[i]));
        }
        train.Sort(StringComparer.Ordinal);
        test.Sort(StringComparer.Ordinal);
        return new SiteSplit(train, test);
    }
}
