using TamRl.Upscale.IO.Gdal.Native;

namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// What every raster written here carries besides its values: geotransform, CRS, pixel-is-area and dataset
/// metadata; per band nodata, description, unit, scale, offset and metadata. One place for the in-memory
/// source of <see cref="CogWriter"/> and the on-disk source of <see cref="CogStreamWriter"/>, so both
/// write the same description.
/// </summary>
internal static class DatasetDescription
{
    internal static void ApplyDataset(IntPtr dataset, GeoTransform geoTransform, int epsgCode, IReadOnlyDictionary<string, string> metadata, string productPath)
    {
        var wkt = SpatialReferences.WktFromEpsg(epsgCode);
        GdalErrors.ThrowIfFailed(GdalNative.GDALSetGeoTransform(dataset, geoTransform.ToArray()), productPath, null, "cannot set the geotransform");
        GdalErrors.ThrowIfFailed(GdalNative.GDALSetProjection(dataset, wkt), productPath, null, "cannot set the CRS");
        // Pixel-is-area: the geotransform origin is the outer corner of the first cell.
        SetMetadataItem(dataset, "AREA_OR_POINT", "Area", productPath, null);
        foreach (var (name, value) in metadata)
            SetMetadataItem(dataset, name, value, productPath, null);
    }

    internal static void ApplyBand(IntPtr band, float noData, FloatBandDescription spec, string productPath, string variable)
    {
        GdalErrors.ThrowIfFailed(GdalNative.GDALSetRasterNoDataValue(band, noData), productPath, variable, "cannot set nodata");
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

    private static void SetMetadataItem(IntPtr majorObject, string name, string value, string productPath, string? variable) =>
        GdalErrors.ThrowIfFailed(GdalNative.GDALSetMetadataItem(majorObject, name, value, null), productPath, variable, $"cannot set metadata item {name}");
}
