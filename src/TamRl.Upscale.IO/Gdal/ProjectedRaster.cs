namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// Bands in memory on any projected or geographic grid, ready for <see cref="GdalWarp"/>: each band holds
/// <see cref="Width"/> x <see cref="Height"/> values row-major, as float[], byte[], short[] or ushort[]
/// (GDAL Float32, Byte, Int16, UInt16), all bands of one type. An integer band lets the warper work on the
/// stored codes of an integer dataset (an 8-bit tile is a quarter of its float32 values in memory; scale
/// after averaging: the average is linear).
/// </summary>
/// <param name="ProjectionWkt">The CRS as GDAL gave it (e.g. the MODIS sinusoidal sphere).</param>
/// <param name="NoData">
/// The nodata value declared on every band (NaN allowed for float): the warper leaves such pixels out, as
/// gdalwarp's -srcnodata does, and target cells without a valid pixel come back NaN. Null: every value
/// counts, and unreached target cells hold 0.
/// </param>
public sealed record ProjectedRaster(int Width, int Height, GeoTransform GeoTransform, string ProjectionWkt, IReadOnlyList<Array> Bands, double? NoData = null)
{
    /// <summary>The GDAL type of the bands (the element type of the arrays).</summary>
    public GdalDataType DataType => Bands.Count == 0 ? GdalDataType.Unknown : TypeOf(Bands[0]);

    /// <summary>Throws when a band does not hold exactly Width x Height values, or the bands' types differ or are not supported.</summary>
    public void Validate()
    {
        if (Width <= 0 || Height <= 0)
            throw new ArgumentOutOfRangeException(nameof(Width), $"a raster needs a positive size, got {Width} x {Height}");
        if (Bands.Count == 0)
            throw new ArgumentException("a raster to warp needs at least one band", nameof(Bands));
        foreach (var band in Bands)
        {
            if (band.LongLength != (long)Width * Height)
                throw new ArgumentException($"a {Width} x {Height} band needs {(long)Width * Height} values, got {band.LongLength}", nameof(Bands));
            if (TypeOf(band) == GdalDataType.Unknown || TypeOf(band) != DataType)
                throw new ArgumentException($"bands must all be float[], byte[], short[] or ushort[]; got {band.GetType().Name} with {Bands[0].GetType().Name}", nameof(Bands));
        }
    }

    private static GdalDataType TypeOf(Array band) => band switch
    {
        float[] => GdalDataType.Float32,
        byte[] => GdalDataType.Byte,
        short[] => GdalDataType.Int16,
        ushort[] => GdalDataType.UInt16,
        _ => GdalDataType.Unknown,
    };
}
