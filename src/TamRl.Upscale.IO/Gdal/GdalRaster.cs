using TamRl.Upscale.IO.Gdal.Native;

namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// A raster opened read-only through GDAL's classic (2-D) API: anything GDAL reads, including
/// subdataset names such as <c>HDF4_EOS:EOS_GRID:"file.hdf":grid:field</c> or <c>NETCDF:"f.nc":var</c>.
/// Values come back raw (no scale/offset, nodata not masked) as doubles.
/// Not thread-safe for concurrent use of one instance: reads are serialised by a lock because a GDAL
/// dataset handle must not be used by two threads at once. Open one instance per thread for parallel reads.
/// </summary>
public sealed class GdalRaster : IDisposable
{
    private readonly GdalDatasetHandle _handle;
    private readonly object _gate = NativeLocks.HdfFamily; // see NativeLocks: GDAL shares libnetcdf/libhdf5 with NetCdfFile

    private GdalRaster(string path, GdalDatasetHandle handle)
    {
        Path = path;
        _handle = handle;
        var h = handle.DangerousGetHandle();
        DriverName = GdalNative.Utf8(GdalNative.GDALGetDriverShortName(GdalNative.GDALGetDatasetDriver(h))) ?? "";
        Width = GdalNative.GDALGetRasterXSize(h);
        Height = GdalNative.GDALGetRasterYSize(h);
        BandCount = GdalNative.GDALGetRasterCount(h);
        var coefficients = new double[6];
        GeoTransform = GdalNative.GDALGetGeoTransform(h, coefficients) == GdalNative.CeNone ? Gdal.GeoTransform.FromArray(coefficients) : null;
        GdalErrors.Reset(); // a missing geotransform is not an error worth keeping
        ProjectionWkt = GdalNative.Utf8(GdalNative.GDALGetProjectionRef(h)) ?? "";
        Metadata = GetMetadata(null);
        Subdatasets = ReadSubdatasets(GetMetadata("SUBDATASETS"));
        Bands = Enumerable.Range(1, BandCount).Select(ReadBandInfo).ToArray();
    }

    /// <summary>The name the raster was opened with; every error names it.</summary>
    public string Path { get; }

    /// <summary>GDAL's short driver name, e.g. "GTiff", "HDF4Image", "netCDF".</summary>
    public string DriverName { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Number of bands; 0 for a container that only lists <see cref="Subdatasets"/>.</summary>
    public int BandCount { get; }

    /// <summary>The geotransform, or null when the file has none.</summary>
    public GeoTransform? GeoTransform { get; }

    /// <summary>The CRS as WKT (GDAL's form), empty when the file has none.</summary>
    public string ProjectionWkt { get; }

    /// <summary>Metadata of the default domain, NAME to VALUE in file order.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The SUBDATASETS list in GDAL's order (empty for a plain raster).</summary>
    public IReadOnlyList<GdalSubdataset> Subdatasets { get; }

    /// <summary>Per-band information, <c>Bands[0]</c> being band 1.</summary>
    public IReadOnlyList<GdalBandInfo> Bands { get; }

    /// <summary>Opens a raster read-only; a missing, corrupt or unrecognised file throws <see cref="GdalException"/> naming it.</summary>
    public static GdalRaster Open(string path)
    {
        lock (NativeLocks.HdfFamily)
            return OpenLocked(path);
    }

    private static GdalRaster OpenLocked(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _ = GdalEnvironment.Current;
        GdalErrors.Reset();
        // VERBOSE_ERROR: without it GDALOpenEx fails silently on unrecognised or missing files.
        var h = GdalNative.GDALOpenEx(path, GdalNative.OfRaster | GdalNative.OfReadOnly | GdalNative.OfVerboseError, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
        if (h == IntPtr.Zero)
            throw GdalErrors.Failure(path, null, "cannot open as a raster");
        var raster = new GdalRaster(path, new GdalDatasetHandle(h));
        if (raster.Subdatasets.Count == 0 && (raster.Width == 0 || raster.Height == 0))
        {
            // GDAL 3.6's HDF4 driver "opens" a grid field that does not exist as a 0 x 1 raster, with
            // only a warning ("Unknown type -1"): refuse it rather than hand back an empty raster.
            raster.Dispose();
            var warning = GdalErrors.TakeWarnings().LastOrDefault();
            throw new GdalException(path, null, $"opened as an empty {raster.Width} x {raster.Height} raster (does the subdataset exist?)",
                warning?.ErrorClass ?? GdalErrorClass.None, warning?.ErrorNumber ?? 0, warning?.Text ?? "");
        }
        return raster;
    }

    /// <summary>Metadata of a domain (null or "" for the default one), NAME to VALUE; empty if the domain is absent.</summary>
    public IReadOnlyDictionary<string, string> GetMetadata(string? domain)
    {
        lock (_gate)
        {
            var items = GdalNative.ReadStringList(GdalNative.GDALGetMetadata(Handle, domain));
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                // GDAL's "NAME=VALUE" (some drivers write "NAME:VALUE"); values may contain '=' and newlines.
                var split = item.IndexOfAny(['=', ':']);
                if (split > 0)
                    result[item[..split]] = item[(split + 1)..];
            }
            return result;
        }
    }

    /// <summary>
    /// Metadata of one band in a domain (null or "" for the default one), NAME to VALUE; empty if absent.
    /// The GRIB driver keeps each message's parameter and times here (GRIB_ELEMENT, GRIB_VALID_TIME...).
    /// </summary>
    public IReadOnlyDictionary<string, string> GetBandMetadata(int band, string? domain = null)
    {
        CheckBand(band);
        lock (_gate)
        {
            var items = GdalNative.ReadStringList(GdalNative.GDALGetMetadata(GdalNative.GDALGetRasterBand(Handle, band), domain));
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                // Only '=' here: GRIB values hold ':' and '[...]' (GRIB_COMMENT=Temperature [K]).
                var split = item.IndexOf('=');
                if (split > 0)
                    result[item[..split]] = item[(split + 1)..];
            }
            return result;
        }
    }

    /// <summary>
    /// The band's natural block (GDALGetBlockSize): reading whole blocks of rows at a time decompresses each
    /// block once (an HDF4 MODIS tile is stored in blocks of 2400 x 416, say).
    /// </summary>
    public (int Width, int Height) GetBlockSize(int band)
    {
        CheckBand(band);
        lock (_gate)
        {
            GdalNative.GDALGetBlockSize(GdalNative.GDALGetRasterBand(Handle, band), out var x, out var y);
            return (x, y);
        }
    }

    /// <summary>The whole band, row-major, <see cref="Width"/> x <see cref="Height"/> values.</summary>
    public double[] ReadBand(int band) => ReadBandWindow(band, 0, 0, Width, Height);

    /// <summary>
    /// A window of a band, row-major (<paramref name="width"/> values per row), converted to double by
    /// GDAL (GDALRasterIO with GDT_Float64); raw values, no scale or mask applied.
    /// </summary>
    public double[] ReadBandWindow(int band, int x, int y, int width, int height)
    {
        var values = new double[Math.Max(0L, (long)width * height)]; // a bad window is refused by the call below
        ReadBandWindow(band, x, y, width, height, values);
        return values;
    }

    /// <summary>A window of a band into a caller's buffer (no allocation), which must hold exactly the window.</summary>
    public void ReadBandWindow(int band, int x, int y, int width, int height, Span<double> values) =>
        ReadBandWindow<double>(band, x, y, width, height, values);

    /// <summary>
    /// A window of a band into a caller's buffer of byte, short, ushort, int, long, float or double (GDAL
    /// converts from the stored type): an 8- or 16-bit SDS read in its own type moves an eighth or a quarter of
    /// the bytes of a double read (and Int64 holds any integer word exactly).
    /// </summary>
    public unsafe void ReadBandWindow<T>(int band, int x, int y, int width, int height, Span<T> values) where T : unmanaged
    {
        var type = typeof(T) == typeof(float) ? GdalDataType.Float32
            : typeof(T) == typeof(byte) ? GdalDataType.Byte
            : typeof(T) == typeof(short) ? GdalDataType.Int16
            : typeof(T) == typeof(ushort) ? GdalDataType.UInt16
            : typeof(T) == typeof(int) ? GdalDataType.Int32
            : typeof(T) == typeof(long) ? GdalDataType.Int64
            : typeof(T) == typeof(double) ? GdalDataType.Float64
            : throw new NotSupportedException($"reading {typeof(T).Name} values is not supported");
        CheckBand(band);
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + (long)width > Width || y + (long)height > Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"Window ({x}, {y}, {width} x {height}) is outside the {Width} x {Height} raster {Path}.");
        if (values.Length != (long)width * height)
            throw new ArgumentException($"A {width} x {height} window needs a buffer of {(long)width * height} values, got {values.Length}.", nameof(values));
        lock (_gate)
        {
            GdalErrors.Reset();
            var bandHandle = GdalNative.GDALGetRasterBand(Handle, band);
            fixed (T* buffer = values)
            {
                var err = GdalNative.GDALRasterIO(bandHandle, GdalNative.GfRead, x, y, width, height, buffer, width, height, (int)type, 0, 0);
                GdalErrors.ThrowIfFailed(err, Path, $"band {band}", "cannot read");
            }
        }
    }

    public void Dispose() => _handle.Dispose();

    private IntPtr Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    private void CheckBand(int band)
    {
        if (band < 1 || band > BandCount)
            throw new ArgumentOutOfRangeException(nameof(band), band, $"{Path} has bands 1..{BandCount}.");
    }

    private unsafe GdalBandInfo ReadBandInfo(int band)
    {
        var b = GdalNative.GDALGetRasterBand(_handle.DangerousGetHandle(), band);
        int hasNoData, hasScale, hasOffset;
        var noData = GdalNative.GDALGetRasterNoDataValue(b, &hasNoData);
        var scale = GdalNative.GDALGetRasterScale(b, &hasScale);
        var offset = GdalNative.GDALGetRasterOffset(b, &hasOffset);
        return new GdalBandInfo(
            band,
            (GdalDataType)GdalNative.GDALGetRasterDataType(b),
            hasNoData != 0 ? noData : null,
            hasScale != 0 ? scale : null,
            hasOffset != 0 ? offset : null,
            GdalNative.Utf8(GdalNative.GDALGetRasterUnitType(b)) ?? "",
            GdalNative.Utf8(GdalNative.GDALGetDescription(b)) ?? "");
    }

    private static GdalSubdataset[] ReadSubdatasets(IReadOnlyDictionary<string, string> items)
    {
        // SUBDATASET_<n>_NAME / SUBDATASET_<n>_DESC, numbered from 1 without gaps.
        var result = new List<GdalSubdataset>();
        for (var n = 1; items.TryGetValue($"SUBDATASET_{n}_NAME", out var name); n++)
            result.Add(new GdalSubdataset(name, items.TryGetValue($"SUBDATASET_{n}_DESC", out var desc) ? desc : ""));
        return result.ToArray();
    }
}
