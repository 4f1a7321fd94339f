namespace TamRl.Upscale.Sites.Dataset;

/// <summary>
/// The static features of a location, the same for a tower in training and a pixel in inference:
/// IGBP one-hot, Koppen one-hot, then latitude / 90, sin(longitude) and cos(longitude) (sine and cosine so
/// that the two sides of the date line are neighbours).
/// </summary>
public static class StaticFeatures
{
    /// <summary>Number of static features: IGBP classes + Koppen classes + 3.</summary>
    public static int Count => StaticClasses.IgbpClassCount + StaticClasses.KoppenClassCount + 3;

    /// <summary>Feature names in order: igbp_WAT.., koppen_None.., lat_scaled, sin_lon, cos_lon.</summary>
    public static IReadOnlyList<string> Names { get; } =
        StaticClasses.IgbpCodes.Select(c => "igbp_" + c)
            .Concat(StaticClasses.KoppenCodes.Select(c => "koppen_" + c))
            .Concat(["lat_scaled", "sin_lon", "cos_lon"]).ToArray();

    /// <summary>Writes one location's static features into <paramref name="destination"/> (length <see cref="Count"/>).</summary>
    public static void Encode(int igbp, int koppen, double latitude, double longitude, Span<float> destination)
    {
        if (destination.Length != Count)
            throw new ArgumentException($"expected a span of {Count} values, got {destination.Length}", nameof(destination));
        if (igbp < 0 || igbp >= StaticClasses.IgbpClassCount)
            throw new ArgumentOutOfRangeException(nameof(igbp), igbp, $"IGBP index must be 0..{StaticClasses.IgbpClassCount - 1}");
        if (koppen < 0 || koppen >= StaticClasses.KoppenClassCount)
            throw new ArgumentOutOfRangeException(nameof(koppen), koppen, $"Koppen index must be 0..{StaticClasses.KoppenClassCount - 1}");
        destination.Clear();
        destination[igbp] = 1;
        destination[StaticClasses.IgbpClassCount + koppen] = 1;
        var tail = StaticClasses.IgbpClassCount + StaticClasses.KoppenClassCount;
        var lonRadians = longitude * Math.PI / 180;
        destination[tail] = (float)(latitude / 90);
        destination[tail + 1] = (float)Math.Sin(lonRadians);
        destination[tail + 2] = (float)Math.Cos(lonRadians);
    }

    public static float[] Encode(SiteInfo site)
    {
        var result = new float[Count];
        Encode(site.Igbp, site.Koppen, site.Latitude, site.Longitude, result);
        return result;
    }
}
