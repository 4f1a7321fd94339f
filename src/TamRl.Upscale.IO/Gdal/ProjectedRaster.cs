namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// Float bands in memory on any projected or geographic grid, ready for <see cref="GdalWarp"/>: each band
/// holds <see cref="Width"/> x <see cref="Height"/> values row-major; NaN is an ordinary value to the
/// warper (no nodata is declared), so callers encode "no value" in their own bands.
/// </summary>
/// <param name="ProjectionWkt">The CRS as GDAL gave it (e.g. the MODIS sinusoidal sphere).</param>
public sealed record ProjectedRaster(int Width, int Height, GeoTransform GeoTransform, string ProjectionWkt, IReadOnlyList<float[]> Bands)
{
    /// <summary>Throws when a band does not hold exactly Width x Height values.</summary>
    public void Validate()
    {
        if (Width <= 0 || Height <= 0)
            throw new ArgumentOutOfRangeException(nameof(Width), $"a raster needs a positive size, got {Width} x {Height}");
        if (Bands.Count == 0)
            throw new ArgumentException("a raster to warp needs at least one band", nameof(Bands));
        foreach (var band in Bands)
            if (band.Length != (long)Width * Height)
                throw new ArgumentException($"a {Width} x {Height} band needs {(long)Width * Height} values, got {band.Length}", nameof(Bands));
    }
}
