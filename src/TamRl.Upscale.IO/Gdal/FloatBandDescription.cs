namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// What describes a float32 band, without its values: for <see cref="CogStreamWriter"/>, whose values
/// arrive block by block. <see cref="FloatBand"/> carries the same items with the values.
/// </summary>
public sealed record FloatBandDescription
{
    /// <summary>Band description (GDAL description; shown by GIS tools as the band name).</summary>
    public string? Description { get; init; }

    /// <summary>Unit, e.g. "g m-2 d-1" (GDALSetRasterUnitType).</summary>
    public string? Unit { get; init; }

    /// <summary>Scale to apply to stored values; null leaves it unset.</summary>
    public double? Scale { get; init; }

    /// <summary>Offset to apply to stored values; null leaves it unset.</summary>
    public double? Offset { get; init; }

    /// <summary>Extra band metadata items (default domain).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
