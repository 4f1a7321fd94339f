namespace TamRl.Upscale.SampleWorld.Geography;

/// <summary>
/// Elevation (m) by a documented rule, because no real elevation grid could be obtained on the build
/// machines (see docs/sample-world.md): a plain rising inland with distance from the sea, Gaussian
/// uplands placed at the approximate centres of the world's major mountain systems and plateaus
/// (positions and heights rounded from general atlases, not data), and Koppen polar classes (ET)
/// outside the polar regions taken as the alpine zone they are (at least 3000 m). It is a plausible
/// relief for lapse rates and biome rules, not a DEM.
/// </summary>
internal static class ElevationRule
{
    // (latitude, longitude, sigma latitude, sigma longitude, peak height m)
    private static readonly (double Lat, double Lon, double SLat, double SLon, double Height)[] Uplands =
    [
        (32, 88, 4, 10, 4300),     // Tibetan plateau and Himalaya
        (39, 74, 3, 6, 3000),      // Pamir, Tien Shan
        (33, 55, 5, 10, 1200),     // Iranian plateau
        (39, 35, 2, 6, 1000),      // Anatolia
        (42.5, 44, 1, 3, 1500),    // Caucasus
        (46.5, 10, 1.2, 3, 1500),  // Alps
        (63, 13, 3, 4, 700),       // Scandinavian mountains
        (60, 60, 8, 1.5, 500),     // Urals
        (47, 100, 4, 10, 1500),    // Mongolian plateau
        (9, 39, 3, 3, 2200),       // Ethiopian highlands
        (-3, 36, 4, 3, 1500),      // East African plateau
        (-26, 26, 6, 8, 1100),     // Southern African plateau
        (24, -103, 4, 3, 1800),    // Mexican plateau
        (38, -108, 6, 4, 2000),    // Rocky Mountains (south)
        (50, -117, 5, 4, 1500),    // Rocky Mountains (north)
        (60, -135, 4, 8, 1200),    // Alaska/Yukon ranges
        (37, -80, 4, 3, 500),      // Appalachians
        (-17, -46, 6, 6, 800),     // Brazilian highlands
        (5, -75, 3, 2, 2500),      // Andes (north)
        (-15, -70, 5, 3, 3800),    // Andes (central, Altiplano)
        (-32, -70, 6, 1.5, 3000),  // Andes (south)
        (-47, -72, 5, 1.5, 1500),  // Patagonian Andes
        (72, -40, 7, 15, 2300),    // Greenland ice sheet
        (-23, 134, 8, 12, 400),    // Australian interior
    ];

    /// <summary>Elevation for a land cell.</summary>
    public static double Elevation(double lat, double lon, double coastKm, string koppen)
    {
        var h = 50 + 0.15 * Math.Min(coastKm, 2000);
        foreach (var u in Uplands)
        {
            var dLat = (lat - u.Lat) / u.SLat;
            var dLon = WrapDegrees(lon - u.Lon) / u.SLon;
            h += u.Height * Math.Exp(-0.5 * (dLat * dLat + dLon * dLon));
        }
        if (lat < -62)
            h = Math.Max(h, Math.Min(3500, 300 + 2.5 * coastKm)); // Antarctic ice dome
        if (koppen == "ET" && Math.Abs(lat) < 58)
            h = Math.Max(h, 3000);
        return Math.Min(h, 5500);
    }

    private static double WrapDegrees(double d) => d - 360 * Math.Round(d / 360);
}
