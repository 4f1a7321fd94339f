using System.Globalization;
using System.Runtime.InteropServices;
using TamRl.Upscale.IO.Gdal.Native;

namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// GDAL's warper through its library form of gdalwarp (GDALWarp in gdal_utils.h), so a reprojection here
/// resamples exactly as <c>gdalwarp -t_srs EPSG:4326 -te ... -ts ... -r METHOD</c> does on the same
/// pixels: the source bands are wrapped (not copied) as a MEM dataset, warped into a MEM dataset of Float64
/// bands, read back.
/// </summary>
public static class GdalWarp
{
    /// <summary>
    /// Warps every band of <paramref name="source"/> onto <paramref name="target"/> (EPSG:4326) with
    /// gdalwarp's resampling <paramref name="resampling"/> ("sum", "average", "mode", "near"...); returns one
    /// row-major array per band, <see cref="LatLonWindow.Columns"/> x <see cref="LatLonWindow.Rows"/>.
    /// With a nodata value on the source, pixels holding it are left out and target cells without a valid
    /// pixel hold NaN (gdalwarp's -srcnodata VALUE -dstnodata nan); without one, unreached target cells hold 0.
    /// </summary>
    /// <param name="path">The file the source came from, named in errors.</param>
    public static double[][] ToLatLon(ProjectedRaster source, LatLonWindow target, string resampling, string path)
    {
        source.Validate();
        // The source bands are pinned and handed to the MEM driver as they are (DATAPOINTER): no copy of a
        // tile (23 MB for a 2400 x 2400 float32 band) into freshly allocated GDAL memory on every call.
        var pins = new GCHandle[source.Bands.Count];
        try
        {
            for (var b = 0; b < pins.Length; b++)
                pins[b] = GCHandle.Alloc(source.Bands[b], GCHandleType.Pinned);
            lock (NativeLocks.HdfFamily) // MEM datasets need no lock, but GDAL's error state and caches are shared with the HDF drivers
            {
                _ = GdalEnvironment.Current;
                using var input = WrapMem(source, pins, path);
                var arguments = new List<string>
                {
                    // Float32 as the working type (gdalwarp's own for an integer source and a Float32 output):
                    // a Float64 one doubles the memory the warper walks, ~1.5x the time; sums stay double.
                    "-of", "MEM", "-t_srs", "EPSG:4326", "-ot", "Float64", "-wt", "Float32", "-r", resampling,
                    "-te", Text(target.West), Text(target.South), Text(target.East), Text(target.North),
                    "-ts", target.Columns.ToString(CultureInfo.InvariantCulture), target.Rows.ToString(CultureInfo.InvariantCulture),
                };
                if (source.NoData is { } noData)
                    arguments.AddRange(["-srcnodata", Text(noData), "-dstnodata", "nan"]); // NaN: no average of codes can be mistaken for it
                var argv = IntPtr.Zero;
                var options = IntPtr.Zero;
                try
                {
                    foreach (var argument in arguments)
                        argv = GdalNative.CSLAddString(argv, argument); // may reallocate: always reassign
                    GdalErrors.Reset();
                    options = GdalNative.GDALWarpAppOptionsNew(argv, IntPtr.Zero);
                    if (options == IntPtr.Zero)
                        throw GdalErrors.Failure(path, null, $"gdalwarp options {string.Join(' ', arguments)} refused");
                    return Warp(input, options, target, path);
                }
                finally
                {
                    if (options != IntPtr.Zero)
                        GdalNative.GDALWarpAppOptionsFree(options);
                    if (argv != IntPtr.Zero)
                        GdalNative.CSLDestroy(argv);
                }
            }
        }
        finally
        {
            foreach (var pin in pins)
                if (pin.IsAllocated)
                    pin.Free();
        }
    }

    private static unsafe double[][] Warp(GdalDatasetHandle input, IntPtr options, LatLonWindow target, string path)
    {
        var sources = stackalloc IntPtr[1];
        sources[0] = input.DangerousGetHandle();
        GdalErrors.Reset();
        var output = GdalNative.GDALWarp("", IntPtr.Zero, 1, sources, options, out var usageError);
        if (output == IntPtr.Zero)
            throw GdalErrors.Failure(path, null, usageError != 0 ? "gdalwarp refused its options" : "cannot warp to EPSG:4326");
        using var handle = new GdalDatasetHandle(output);
        var bands = GdalNative.GDALGetRasterCount(output);
        var result = new double[bands][];
        for (var b = 0; b < bands; b++)
        {
            result[b] = new double[(long)target.Columns * target.Rows];
            fixed (double* values = result[b])
            {
                var err = GdalNative.GDALRasterIO(GdalNative.GDALGetRasterBand(output, b + 1), GdalNative.GfRead, 0, 0, target.Columns, target.Rows,
                    values, target.Columns, target.Rows, (int)GdalDataType.Float64, 0, 0);
                GdalErrors.ThrowIfFailed(err, path, $"band {b + 1}", "cannot read the warped band");
            }
        }
        return result;
    }

    // A MEM dataset whose bands are the pinned arrays themselves; it must be closed before they are unpinned.
    private static GdalDatasetHandle WrapMem(ProjectedRaster source, GCHandle[] pins, string path)
    {
        GdalErrors.Reset();
        var driver = GdalNative.GDALGetDriverByName("MEM");
        if (driver == IntPtr.Zero)
            throw GdalErrors.Failure(path, null, "GDAL has no MEM driver");
        var h = GdalNative.GDALCreate(driver, "", source.Width, source.Height, 0, (int)source.DataType, IntPtr.Zero);
        if (h == IntPtr.Zero)
            throw GdalErrors.Failure(path, null, $"cannot create a {source.Width} x {source.Height} in-memory raster");
        var handle = new GdalDatasetHandle(h);
        try
        {
            if (GdalNative.GDALSetGeoTransform(h, source.GeoTransform.ToArray()) != GdalNative.CeNone)
                throw GdalErrors.Failure(path, null, "cannot set the geotransform");
            if (GdalNative.GDALSetProjection(h, source.ProjectionWkt) != GdalNative.CeNone)
                throw GdalErrors.Failure(path, null, "cannot set the projection");
            for (var b = 0; b < pins.Length; b++)
            {
                var options = GdalNative.CSLAddString(IntPtr.Zero,
                    "DATAPOINTER=0x" + pins[b].AddrOfPinnedObject().ToString("x", CultureInfo.InvariantCulture));
                try
                {
                    if (GdalNative.GDALAddBand(h, (int)source.DataType, options) != GdalNative.CeNone)
                        throw GdalErrors.Failure(path, $"band {b + 1}", "cannot wrap the values as an in-memory band");
                }
                finally
                {
                    GdalNative.CSLDestroy(options);
                }
                if (source.NoData is { } noData && GdalNative.GDALSetRasterNoDataValue(GdalNative.GDALGetRasterBand(h, b + 1), noData) != GdalNative.CeNone)
                    throw GdalErrors.Failure(path, $"band {b + 1}", "cannot set nodata");
            }
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static string Text(double value) => double.IsNaN(value) ? "nan" : value.ToString("R", CultureInfo.InvariantCulture);
}
