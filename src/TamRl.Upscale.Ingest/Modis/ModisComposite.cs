namespace TamRl.Upscale.Ingest.Modis;

/// <summary>
/// One composite regridded to the target grid, QA-masked, in cube units (NDVI and EVI 1, daytime LST
/// degC), for the features its input set provides; NaN where the composite had no good value.
/// </summary>
/// <param name="Start">First day of the composite window (MODIS names composites by their first day).</param>
/// <param name="Days">Length of the window in days.</param>
public sealed record ModisComposite(string FilePath, DateOnly Start, int Days, IReadOnlyDictionary<string, float[]> Maps)
{
    /// <summary>The window's middle, in days since 0001-01-01 (a day's own middle is DayNumber + 0.5).</summary>
    public double Centre => Start.DayNumber + Days / 2.0;

    public float[] Feature(string feature) => Maps.TryGetValue(feature, out var map) ? map
        : throw new ArgumentException($"'{feature}' is not a feature of {FilePath} ({string.Join(", ", Maps.Keys)})", nameof(feature));
}
