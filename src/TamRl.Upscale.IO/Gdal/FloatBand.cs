namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// One float32 band to write: values row-major (north row first), plus what describes it. The nodata
/// value is not here but on <see cref="FloatRaster.NoData"/>, because GeoTIFF stores a single nodata
/// value for all bands of a file.
/// </summary>
public sealed record FloatBand(float[] Values)
{
    /// <summary>Band description (GDAL description; shown by GIS tools as the band name).</summary>
    public string? Description { get; init; }

    /// <summary>Unit, e.g. "g m-2 d-1" (GDALSetRasterUnitType).</summary>
    public string? Unit { get; init; }

    /// <summary>Scale to apply to stored values (physical = stored * Scale + Offset); null leaves it unset.</summary>
    public double? Scale { get; init; }

    /// <summary>Offset to apply to stored values; null leaves it unset.</summary>
    public double? Offset { get; init; }

    /// <summary>Extra band metadata items (default domain).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    internal FloatBandDescription Describe() => new() { Description = Description, Unit = Unit, Scale = Scale, Offset = Offset, Metadata = Metadata };
}
