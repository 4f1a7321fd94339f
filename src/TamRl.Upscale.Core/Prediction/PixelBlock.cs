namespace TamRl.Upscale.Core.Prediction;

/// <summary>
/// The drivers of a block of land pixels over one period, the unit of inference. Each pixel brings its
/// whole series, not a single window, because the model's task code is computed from the location's
/// own history (its support set).
/// </summary>
/// <param name="Pixels">Number of pixels.</param>
/// <param name="Days">Number of daily steps.</param>
/// <param name="Drivers">Driver values laid out [pixel, day, feature] in <see cref="Variables.DriverFeatures"/> order, physical units.</param>
/// <param name="Igbp">IGBP class index per pixel.</param>
/// <param name="Koppen">Koppen class index per pixel.</param>
/// <param name="Latitude">Cell-centre latitude per pixel, degrees north.</param>
/// <param name="Longitude">Cell-centre longitude per pixel, degrees east.</param>
public sealed record PixelBlock(int Pixels, int Days, float[] Drivers, int[] Igbp, int[] Koppen, float[] Latitude, float[] Longitude)
{
    public int Features => Variables.DriverFeatures.All.Count;

    /// <summary>Throws when the arrays disagree with the declared sizes.</summary>
    public void Validate()
    {
        if (Pixels < 0 || Days < 0)
            throw new ArgumentException("pixel and day counts must not be negative");
        if (Drivers.Length != (long)Pixels * Days * Features)
            throw new ArgumentException($"Drivers holds {Drivers.Length} values, expected {Pixels} x {Days} x {Features}");
        foreach (var (name, length) in new[] { ("Igbp", Igbp.Length), ("Koppen", Koppen.Length), ("Latitude", Latitude.Length), ("Longitude", Longitude.Length) })
            if (length != Pixels)
                throw new ArgumentException($"{name} holds {length} values, expected {Pixels}");
    }
}
