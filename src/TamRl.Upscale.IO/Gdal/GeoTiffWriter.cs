namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// Plain, uncompressed, striped GeoTIFF output (same georeferencing and band description as
/// <see cref="CogWriter"/>). Used to hand identical input to external tools, e.g. the COG benchmark.
/// </summary>
internal static class GeoTiffWriter
{
    internal static void WriteUncompressed(string path, FloatRaster raster)
    {
        using var memory = MemRasterBuilder.Build(raster, path);
        AtomicCreateCopy.Write("GTiff", memory, path, [new("COMPRESS", "NONE"), new("BIGTIFF", "IF_SAFER")]);
    }
}
