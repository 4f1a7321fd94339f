using TamRl.Upscale.IO.Gdal.Native;

namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// Builds a GDAL in-memory (MEM driver) dataset from a <see cref="FloatRaster"/>: the source of every
/// CreateCopy here, since the COG driver has no Create method.
/// </summary>
internal static class MemRasterBuilder
{
    /// <summary>A MEM dataset holding a copy of the values and every description item; the caller disposes it.</summary>
    /// <param name="productPath">The file being produced, named in errors.</param>
    internal static unsafe GdalDatasetHandle Build(FloatRaster raster, string productPath)
    {
        _ = GdalEnvironment.Current;
        _ = SpatialReferences.WktFromEpsg(raster.EpsgCode); // an unknown EPSG code fails before any allocation
        GdalErrors.Reset();
        var driver = GdalNative.GDALGetDriverByName("MEM");
        if (driver == IntPtr.Zero)
            throw GdalErrors.Failure(productPath, null, "GDAL has no MEM driver");
        var h = GdalNative.GDALCreate(driver, "", raster.Width, raster.Height, raster.Bands.Count, (int)GdalDataType.Float32, IntPtr.Zero);
        if (h == IntPtr.Zero)
            throw GdalErrors.Failure(productPath, null, $"cannot create a {raster.Width} x {raster.Height} x {raster.Bands.Count} in-memory raster");
        var handle = new GdalDatasetHandle(h);
        try
        {
            DatasetDescription.ApplyDataset(h, raster.GeoTransform, raster.EpsgCode, raster.Metadata, productPath);
            for (var i = 0; i < raster.Bands.Count; i++)
            {
                var spec = raster.Bands[i];
                var variable = $"band {i + 1}";
                var band = GdalNative.GDALGetRasterBand(h, i + 1);
                fixed (float* values = spec.Values)
                {
                    var err = GdalNative.GDALRasterIO(band, GdalNative.GfWrite, 0, 0, raster.Width, raster.Height, values,
                        raster.Width, raster.Height, (int)GdalDataType.Float32, 0, 0);
                    GdalErrors.ThrowIfFailed(err, productPath, variable, "cannot store values");
                }
                DatasetDescription.ApplyBand(band, raster.NoData, spec.Describe(), productPath, variable);
            }
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
