using TamRl.Upscale.IO.Gdal.Native;

namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// Longitude and latitude of a raster's pixel centres, a row at a time, through PROJ (GDAL's OSR). Used to
/// count how many source pixels fall in each target cell: gdalwarp's own <c>-r sum</c>, which could count
/// them, takes ~30x longer than <c>-r average</c> in GDAL 3.6 (13 s against 0.4 s on one 2400 x 2400 tile).
/// </summary>
public sealed class PixelCentres : IDisposable
{
    private readonly IntPtr _source;
    private readonly IntPtr _target;
    private readonly IntPtr _transformation;
    private readonly GeoTransform _transform;

    public PixelCentres(string projectionWkt, GeoTransform transform)
    {
        _transform = transform;
        lock (NativeLocks.HdfFamily)
        {
            _ = GdalEnvironment.Current;
            GdalErrors.Reset();
            _source = GdalNative.OSRNewSpatialReference(projectionWkt);
            _target = GdalNative.OSRNewSpatialReference(null);
            if (_source == IntPtr.Zero || GdalNative.OSRImportFromEPSG(_target, 4326) != 0)
                throw GdalErrors.Failure("EPSG:4326", null, "cannot build the CRS pair");
            GdalNative.OSRSetAxisMappingStrategy(_source, GdalNative.OamsTraditionalGisOrder);
            GdalNative.OSRSetAxisMappingStrategy(_target, GdalNative.OamsTraditionalGisOrder);
            _transformation = GdalNative.OCTNewCoordinateTransformation(_source, _target);
            if (_transformation == IntPtr.Zero)
                throw GdalErrors.Failure("EPSG:4326", null, "no transformation from the raster's CRS");
        }
    }

    /// <summary>
    /// Fills <paramref name="longitude"/> and <paramref name="latitude"/> (one value per column) for the
    /// centres of row <paramref name="row"/>; NaN where a centre lies off the globe.
    /// </summary>
    public unsafe void Row(int row, Span<double> longitude, Span<double> latitude)
    {
        var n = longitude.Length;
        var z = new double[n];
        var ok = new int[n];
        for (var c = 0; c < n; c++)
            (longitude[c], latitude[c]) = _transform.CellCenter(c, row);
        lock (NativeLocks.HdfFamily)
        {
            fixed (double* x = longitude, y = latitude, pz = z)
            fixed (int* pok = ok)
                GdalNative.OCTTransformEx(_transformation, n, x, y, pz, pok);
            GdalErrors.Reset(); // centres beyond the globe fail one by one; they are marked NaN below
        }
        for (var c = 0; c < n; c++)
            if (ok[c] == 0 || Math.Abs(longitude[c]) > 180 || Math.Abs(latitude[c]) > 90)
                longitude[c] = latitude[c] = double.NaN;
    }

    public void Dispose()
    {
        lock (NativeLocks.HdfFamily)
        {
            if (_transformation != IntPtr.Zero)
                GdalNative.OCTDestroyCoordinateTransformation(_transformation);
            if (_source != IntPtr.Zero)
                GdalNative.OSRDestroySpatialReference(_source);
            if (_target != IntPtr.Zero)
                GdalNative.OSRDestroySpatialReference(_target);
        }
    }
}
