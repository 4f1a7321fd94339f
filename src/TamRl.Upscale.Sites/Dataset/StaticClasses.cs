namespace TamRl.Upscale.Sites.Dataset;

/// <summary>
/// The class tables behind the integer <c>igbp</c> and <c>koppen</c> columns (the sample world's
/// geography, the driver cube's static.nc and the training dataset all use these indices), and the
/// codes tower metadata spells them with.
/// </summary>
public static class StaticClasses
{
    /// <summary>IGBP short codes by index, in the order of data/real/sites/igbp_key.csv (0 Water Bodies .. 17 Unclassified).</summary>
    public static readonly IReadOnlyList<string> IgbpCodes =
    [
        "WAT", "ENF", "EBF", "DNF", "DBF", "MF", "CSH", "OSH", "WSA", "SAV",
        "GRA", "WET", "CRO", "URB", "CVM", "SNO", "BSV", "UNC",
    ];

    /// <summary>Koppen-Geiger codes by Kottek index (data/real/sites/koeppen_geiger_key.csv); index 0 = unknown/ocean.</summary>
    public static readonly IReadOnlyList<string> KoppenCodes =
    [
        "None", "Af", "Am", "Aw", "BWh", "BWk", "BSh", "BSk", "Csa", "Csb", "Csc",
        "Cwa", "Cwb", "Cwc", "Cfa", "Cfb", "Cfc", "Dsa", "Dsb", "Dsc", "Dsd",
        "Dwa", "Dwb", "Dwc", "Dwd", "Dfa", "Dfb", "Dfc", "Dfd", "ET", "EF",
    ];

    /// <summary>Index of IGBP "Unclassified", what an unknown class in a tower table becomes.</summary>
    public const int IgbpUnclassified = 17;

    /// <summary>Index of the unknown Koppen class.</summary>
    public const int KoppenUnknown = 0;

    public static int IgbpClassCount => IgbpCodes.Count;

    public static int KoppenClassCount => KoppenCodes.Count;

    /// <summary>
    /// An IGBP class from an index ("4") or a code ("DBF", any case); FLUXNET's "WAT"/"SNO"/"BSV"/"URB"
    /// spellings included; an empty field, "-", "NA" or "None" (site tables' ways of saying unknown) is
    /// Unclassified. Null when none of these.
    /// </summary>
    public static int? ParseIgbp(string text)
    {
        var t = text.Trim();
        if (IsUnknown(t))
            return IgbpUnclassified;
        if (int.TryParse(t, out var index))
            return index >= 0 && index < IgbpCodes.Count ? index : null;
        for (var i = 0; i < IgbpCodes.Count; i++)
            if (string.Equals(IgbpCodes[i], t, StringComparison.OrdinalIgnoreCase))
                return i;
        return null;
    }

    /// <summary>
    /// A Koppen class from a Kottek index ("26") or a code ("Dfb"; case-insensitive, as site tables mix "BSk"
    /// and "Bsk"); an empty field, "-", "NA" or "None" is the unknown class 0. Null when none of these.
    /// </summary>
    public static int? ParseKoppen(string text)
    {
        var t = text.Trim();
        if (IsUnknown(t))
            return KoppenUnknown;
        if (int.TryParse(t, out var index))
            return index >= 0 && index < KoppenCodes.Count ? index : null;
        for (var i = 1; i < KoppenCodes.Count; i++)
            if (string.Equals(KoppenCodes[i], t, StringComparison.OrdinalIgnoreCase))
                return i;
        return null;
    }

    private static bool IsUnknown(string t) =>
        t.Length == 0 || t == "-" || t.Equals("NA", StringComparison.OrdinalIgnoreCase) || t.Equals("None", StringComparison.OrdinalIgnoreCase);
}
