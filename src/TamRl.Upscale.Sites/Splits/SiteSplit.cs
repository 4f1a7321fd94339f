namespace TamRl.Upscale.Sites.Splits;

/// <summary>One zero-shot split: whole sites, each in exactly one of train and test.</summary>
public sealed record SiteSplit(IReadOnlyList<string> Train, IReadOnlyList<string> Test);

/// <summary>
/// The splits written with a training dataset (splits.json, docs/data-contracts.md §3): one split per
/// stratification ("igbp", "koppen"), all drawn from one seed.
/// </summary>
/// <param name="Seed">The seed the splits were drawn with.</param>
/// <param name="TestFraction">The share of sites held out per stratum (0.2 for 80/20).</param>
/// <param name="Splits">Split by stratification name.</param>
public sealed record SiteSplits(int Seed, double TestFraction, IReadOnlyDictionary<string, SiteSplit> Splits)
{
    public const string ByIgbp = "igbp";
    public const string ByKoppen = "koppen";

    /// <summary>The split of a stratification; an unknown name throws naming the known ones.</summary>
    public SiteSplit this[string stratification] =>
        Splits.TryGetValue(stratification, out var s)
            ? s
            : throw new KeyNotFoundException($"no split '{stratification}'; known: {string.Join(", ", Splits.Keys)}");
}
