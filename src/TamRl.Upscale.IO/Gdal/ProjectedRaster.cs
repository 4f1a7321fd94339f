namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// Float bands in memory on any projected or geographic grid, ready for <see cref="GdalWarp"/>: each band
/// holds <see cref="Width"/> x <see cref="Height"/> values row-major.
/// </summary>
/// <param name="ProjectionWkt">The CRS as GDAL gave it (e.g. the MODIS sinusoidal sphere).</param>
/// <param name="NoData">
/// The nodata value declared on every band (NaN allowed): the warper leaves such pixels out, as gdalwarp's
/// -srcnodata does, and writes it where no source pixel is valid. Null: every value counts, and unreached
/// target cells hold 0.
/// </param>
public sealed record ProjectedRaster(int Width, int Height, GeoTransform GeoTransform, string ProjectionWkt, IReadOnlyList<float[]> Bands, double? NoData = null)
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
