namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// Writes a <see cref="FloatRaster"/> as a Cloud Optimized GeoTIFF: built in GDAL's MEM driver, then
/// copied once with GDALCreateCopy to the COG driver (which has no Create method). Tiles DEFLATE-compressed
/// with the floating-point predictor, AVERAGE overviews (made when the raster is larger than a tile),
/// nodata, description, unit, scale and offset on every band, the CRS (EPSG:4326 by default) and
/// AREA_OR_POINT=Area. The file appears at the final path only once complete (see <see cref="AtomicCreateCopy"/>).
/// </summary>
public static class CogWriter
{
    /// <summary>Writes <paramref name="raster"/> to <paramref name="path"/>, replacing any file there.</summary>
    /// <exception cref="GdalException">GDAL failed (e.g. folder missing, disk full, a rejected option); nothing is left at <paramref name="path"/>.</exception>
    public static void Write(string path, FloatRaster raster, CogWriteOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(raster);
        var creationOptions = (options ?? CogWriteOptions.Default).ToCreationOptions().ToArray(); // validate before any work
        using var memory = MemRasterBuilder.Build(raster, path);
        AtomicCreateCopy.Write("COG", memory, path, creationOptions);
    }
}
