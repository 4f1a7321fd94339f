namespace TamRl.Upscale.Products.Scoring;

/// <summary>
/// A continent for a land cell's centre, from longitude/latitude boxes. Deliberately simple (no coastline data
/// ships with the pipeline): it is right for continental interiors and can misplace a coarse cell on an isthmus
/// or a strait (Panama, Suez, the Bosporus, Wallacea), which moves a little land between neighbouring
/// continents, never out of the global total. Checks: Greenland counts with North America, Arabia and the
/// Caucasus with Asia, the Urals (60E) divide Europe from Asia, New Guinea counts with Oceania.
/// </summary>
public static class Continents
{
    public const string Antarctica = "Antarctica";
    public const string Africa = "Africa";
    public const string Asia = "Asia";
    public const string Europe = "Europe";
    public const string NorthAmerica = "North America";
    public const string SouthAmerica = "South America";
    public const string Oceania = "Oceania";

    public static readonly IReadOnlyList<string> All = [Africa, Antarctica, Asia, Europe, NorthAmerica, Oceania, SouthAmerica];

    public static string Of(double latitude, double longitude)
    {
        var lon = longitude >= 180 ? longitude - 360 : longitude;
        if (latitude < -60)
            return Antarctica;
        if (lon < -25)
            // The Americas; Panama's isthmus (about 8N) divides them: South America's north coast runs along 8-12N east of 78W.
            return latitude < 8 || (latitude < 13 && lon > -78) ? SouthAmerica : NorthAmerica;
        if (lon > 110 && latitude < -10 || lon > 130 && latitude < 0)
            return Oceania; // Australia, New Guinea, New Zealand
        if (latitude < 37 && lon < 33 || latitude < 31 && lon < 43.5 && !(latitude > 12.5 && lon > 34) || latitude < 12.5 && lon < 52)
            return Africa; // Sinai and the Red Sea coast of Arabia (12.5..31N east of 34E) go to Asia
        if (lon < 60 && latitude >= 36 && !(lon > 36 && latitude < 44) && !(lon > 26 && latitude < 42 && lon < 45))
            return Europe; // Anatolia (26..45E below 42N) and the Caucasus/Iran (36E.. below 44N) go to Asia
        return Asia;
    }
}
