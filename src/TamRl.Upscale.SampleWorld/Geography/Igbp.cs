namespace TamRl.Upscale.SampleWorld.Geography;

/// <summary>IGBP classes as indices into data/real/sites/igbp_key.csv, and the FLUXNET abbreviations.</summary>
internal static class Igbp
{
    public const byte Water = 0, ENF = 1, EBF = 2, DNF = 3, DBF = 4, MF = 5, CSH = 6, OSH = 7, WSA = 8, SAV = 9,
        GRA = 10, WET = 11, CRO = 12, URB = 13, CVM = 14, SNO = 15, BSV = 16;

    public static readonly string[] Abbreviations =
        ["WAT", "ENF", "EBF", "DNF", "DBF", "MF", "CSH", "OSH", "WSA", "SAV", "GRA", "WET", "CRO", "URB", "CVM", "SNO", "BSV", "UNC"];

    public static byte FromAbbreviation(string text)
    {
        var i = Array.IndexOf(Abbreviations, text.Trim().ToUpperInvariant());
        return i < 0 ? (byte)17 : (byte)i;
    }

    /// <summary>
    /// The documented rule for cells without a tower: a Koppen class admits a few IGBP classes, and a smooth
    /// random field <paramref name="choice"/> in [0, 1) picks among them, so land cover comes in patches
    /// rather than per-cell speckle. Above 3500 m vegetation gives way to grassland and, above 4800 m, barren land.
    /// </summary>
    public static byte FromClimate(string koppen, double elevation, double latitude, double longitude, double choice)
    {
        if (koppen == "EF")
            return SNO;
        if (elevation > 4800)
            return BSV;
        if (elevation > 3500)
            return choice < 0.7 ? GRA : OSH;
        byte Pick(params (double Share, byte Class)[] options)
        {
            var acc = 0.0;
            foreach (var (share, cls) in options)
                if (choice < (acc += share))
                    return cls;
            return options[^1].Class;
        }
        return koppen switch
        {
            "Af" => Pick((0.85, EBF), (0.1, CVM), (0.05, WET)),
            "Am" => Pick((0.65, EBF), (0.2, WSA), (0.15, CRO)),
            "Aw" => Pick((0.35, SAV), (0.3, WSA), (0.2, CRO), (0.15, GRA)),
            "BWh" => Pick((0.75, BSV), (0.25, OSH)),
            "BWk" => Pick((0.55, BSV), (0.45, OSH)),
            "Bsh" => Pick((0.45, OSH), (0.35, SAV), (0.2, GRA)),
            "Bsk" => Pick((0.6, GRA), (0.25, OSH), (0.15, CRO)),
            "Csa" or "Csb" or "Csc" => Pick((0.35, CSH), (0.25, WSA), (0.25, CRO), (0.15, ENF)),
            "Cwa" or "Cwb" or "Cwc" => Pick((0.4, CRO), (0.25, SAV), (0.2, DBF), (0.15, EBF)),
            "Cfa" => Pick((0.4, CRO), (0.25, DBF), (0.2, MF), (0.15, GRA)),
            "Cfb" => Pick((0.35, CRO), (0.25, GRA), (0.2, MF), (0.2, ENF)),
            "Cfc" => Pick((0.6, ENF), (0.4, GRA)),
            "Dsa" or "Dsb" or "Dsc" or "Dsd" => Pick((0.4, GRA), (0.3, ENF), (0.3, OSH)),
            "Dwa" or "Dwb" => Pick((0.45, CRO), (0.3, MF), (0.25, DBF)),
            "Dwc" or "Dwd" or "Dfd" => Pick((0.7, DNF), (0.3, OSH)),
            "Dfa" => Pick((0.5, CRO), (0.3, DBF), (0.2, MF)),
            "Dfb" => Pick((0.35, MF), (0.3, ENF), (0.25, CRO), (0.1, WET)),
            "Dfc" => longitude > 100 ? Pick((0.6, DNF), (0.3, ENF), (0.1, WET)) : Pick((0.65, ENF), (0.2, MF), (0.15, WET)),
            "ET" => Math.Abs(latitude) > 58 ? Pick((0.55, OSH), (0.35, GRA), (0.1, BSV)) : Pick((0.7, GRA), (0.3, OSH)),
            _ => GRA,
        };
    }
}
