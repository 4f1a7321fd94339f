namespace TamRl.Upscale.Products.Scoring;

/// <summary>
/// The regions a carbon budget is broken down by: the globe, continents, latitude bands, IGBP classes and Koppen
/// classes. Each land cell belongs to exactly one region of every group, so each group's regions add up to the
/// global total.
/// </summary>
public static class BudgetRegions
{
    public const string Global = "global";
    public const string Continent = "continent";
    public const string Latitude = "latitude";
    public const string Igbp = "igbp";
    public const string Koppen = "koppen";
    public const string Domain = "domain";

    /// <summary>The groups, in report order (<see cref="Domain"/> only where the product has a domain map).</summary>
    public static readonly IReadOnlyList<string> Groups = [Global, Continent, Latitude, Igbp, Koppen, Domain];

    /// <summary>
    /// The domain-of-applicability region of a pixel from its <c>domain_flags</c> (Domain.DomainMap): set by rule, else
    /// a class without a training tower, else a climate outside the towers', else inside.
    /// </summary>
    public static string DomainRegion(short flags) =>
        flags < 0 ? "no domain value"
        : (flags & 8) != 0 ? "fluxes set by rule"
        : (flags & 6) != 0 ? "IGBP or Koppen class without a tower"
        : (flags & 1) != 0 ? "climate outside the towers' (index > 1)"
        : "inside the domain";

    /// <summary>
    /// IGBP short codes by index (0 Water Bodies .. 17 Unclassified): the order of data/real/sites/igbp_key.csv,
    /// the same table as Sites' StaticClasses (not referenced: Products does not depend on Sites).
    /// </summary>
    public static readonly IReadOnlyList<string> IgbpCodes =
    [
        "WAT", "ENF", "EBF", "DNF", "DBF", "MF", "CSH", "OSH", "WSA", "SAV",
        "GRA", "WET", "CRO", "URB", "CVM", "SNO", "BSV", "UNC",
    ];

    /// <summary>Koppen-Geiger codes by Kottek index (data/real/sites/koeppen_geiger_key.csv); 0 = unknown.</summary>
    public static readonly IReadOnlyList<string> KoppenCodes =
    [
        "None", "Af", "Am", "Aw", "BWh", "BWk", "BSh", "BSk", "Csa", "Csb", "Csc",
        "Cwa", "Cwb", "Cwc", "Cfa", "Cfb", "Cfc", "Dsa", "Dsb", "Dsc", "Dsd",
        "Dwa", "Dwb", "Dwc", "Dwd", "Dfa", "Dfb", "Dfc", "Dfd", "ET", "EF",
    ];

    /// <summary>Latitude bands (south edge inclusive); the first is the one the targets name (south of 60S: ice).</summary>
    public static readonly IReadOnlyList<(string Name, double South, double North)> LatitudeBands =
    [
        ("south of 60S", -90, -60), ("60S-30S", -60, -30), ("30S-0", -30, 0),
        ("0-30N", 0, 30), ("30N-60N", 30, 60), ("north of 60N", 60, 90.0001),
    ];

    public static string IgbpName(int index) => index >= 0 && index < IgbpCodes.Count ? $"{index} {IgbpCodes[index]}" : $"{index} ?";

    public static string KoppenName(int index) => index >= 0 && index < KoppenCodes.Count ? KoppenCodes[index] : $"{index} ?";

    public static string LatitudeBand(double latitude)
    {
        foreach (var (name, south, north) in LatitudeBands)
            if (latitude >= south && latitude < north)
                return name;
        return LatitudeBands[^1].Name;
    }

    /// <summary>The region of every group for one cell: (group, region) pairs in <see cref="Groups"/> order.</summary>
    public static (string Group, string Region)[] Of(double latitude, double longitude, int igbp, int koppen) =>
    [
        (Global, Global),
        (Continent, Continents.Of(latitude, longitude)),
        (Latitude, LatitudeBand(latitude)),
        (Igbp, IgbpName(igbp)),
        (Koppen, KoppenName(koppen)),
    ];
}
