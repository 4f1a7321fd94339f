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
        var wkt = SpatialReferences.WktFromEpsg(raster.EpsgCode);
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
            GdalErrors.ThrowIfFailed(GdalNative.GDALSetGeoTransform(h, raster.GeoTransform.ToArray()), productPath, null, "cannot set the geotransform");
            GdalErrors.ThrowIfFailed(GdalNative.GDALSetProjection(h, wkt), productPath, null, "cannot set the CRS");
            // Pixel-is-area: the geotransform origin is the outer corner of the first cell.
            SetMetadataItem(h, "AREA_OR_POINT", "Area", productPath, null);
            foreach (var (name, value) in raster.Metadata)
                SetMetadataItem(h, name, value, productPath, null);

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
                GdalErrors.ThrowIfFailed(GdalNative.GDALSetRasterNoDataValue(band, raster.NoData), productPath, variable, "cannot set nodata");
                if (spec.Description is not null)
                    GdalNative.GDALSetDescription(band, spec.Description);
                if (spec.Unit is not null)
                    GdalErrors.ThrowIfFailed(GdalNative.GDALSetRasterUnitType(band, spec.Unit), productPath, variable, "cannot set the unit");
                if (spec.Scale is { } scale)
                    GdalErrors.ThrowIfFailed(GdalNative.GDALSetRasterScale(band, scale), productPath, variable, "cannot set the scale");
                if (spec.Offset is { } offset)
                    GdalErrors.ThrowIfFailed(GdalNative.GDALSetRasterOffset(band, offset), productPath, variable, "cannot set the offset");
                foreach (var (name, value) in spec.Metadata)
                    SetMetadataItem(band, name, value, productPath, variable);
            }
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void SetMetadataItem(IntPtr majorObject, string name, string value, string productPath, string? variable) =>
        GdalErrors.ThrowIfFailed(GdalNative.GDALSetMetadataItem(majorObject, name, value, null), productPath, variable, $"cannot set metadata item {name}");
}
