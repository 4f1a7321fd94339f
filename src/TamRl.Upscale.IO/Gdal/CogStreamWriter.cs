using TamRl.Upscale.IO.Gdal.Native;

namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// Writes a one-band float32 Cloud Optimized GeoTIFF whose values arrive block by block, never holding the
/// whole raster: the blocks go into an uncompressed tiled GeoTIFF beside the target (hidden, deleted
/// afterwards), which <see cref="Complete"/> copies once to the COG driver, like <see cref="CogWriter"/> does
/// from memory. Memory stays at GDAL's block cache (see <see cref="GdalEnvironment.LimitCacheMax"/>) however
/// large the raster; the temporary file costs the raster's uncompressed size on disk. Same layout,
/// compression, overviews and description as <see cref="CogWriter"/>; the file appears at the final path
/// only once complete, and disposing without completing leaves nothing behind.
/// </summary>
public sealed class CogStreamWriter : IDisposable
{
    private readonly string _path;
    private readonly string _sourcePath;
    private readonly CogWriteOptions _options;
    private GdalDatasetHandle? _source;

    private CogStreamWriter(string path, string sourcePath, GdalDatasetHandle source, int width, int height, CogWriteOptions options)
    {
        _path = path;
        _sourcePath = sourcePath;
        _source = source;
        _options = options;
        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Starts a COG at <paramref name="path"/> (written by <see cref="Complete"/>, replacing any file there).</summary>
    /// <exception cref="GdalException">GDAL cannot create the temporary source beside <paramref name="path"/> (folder missing, disk full).</exception>
    public static CogStreamWriter Create(string path, int width, int height, GeoTransform geoTransform, float noData, FloatBandDescription band,
        IReadOnlyDictionary<string, string>? metadata = null, int epsgCode = 4326, CogWriteOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(band);
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"Raster size must be positive, got {width} x {height}.");
        options ??= CogWriteOptions.Default;
        _ = options.ToCreationOptions().ToArray(); // validate before any work
        _ = GdalEnvironment.Current;
        var fullPath = Path.GetFullPath(path);
        var sourcePath = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.blocks.tif");
        GdalErrors.Reset();
        var driver = GdalNative.GDALGetDriverByName("GTiff");
        if (driver == IntPtr.Zero)
            throw GdalErrors.Failure(path, null, "GDAL has no GTiff driver");
        // Uncompressed tiles: a block written twice (or partly) costs no recompression, and reading it back
        // for the overviews and the copy is cheap.
        using var creation = new GdalOptionList(
        [
            new("TILED", "YES"), new("BLOCKXSIZE", "256"), new("BLOCKYSIZE", "256"), new("COMPRESS", "NONE"), new("BIGTIFF", "IF_SAFER"),
            // Tiles never written stay absent and read back as nodata (not 0).
            new("SPARSE_OK", "TRUE"),
        ]);
        var h = GdalNative.GDALCreate(driver, sourcePath, width, height, 1, (int)GdalDataType.Float32, creation.Pointer);
        if (h == IntPtr.Zero)
        {
            TryDelete(sourcePath);
            throw GdalErrors.WriteFailure(path, null, $"cannot create the {width} x {height} temporary raster {sourcePath}");
        }
        var handle = new GdalDatasetHandle(h);
        try
        {
            DatasetDescription.ApplyDataset(h, geoTransform, epsgCode, metadata ?? new Dictionary<string, string>(), path);
            var bandHandle = GdalNative.GDALGetRasterBand(h, 1);
            DatasetDescription.ApplyBand(bandHandle, noData, band, path, "band 1");
            return new CogStreamWriter(path, sourcePath, handle, width, height, options);
        }
        catch
        {
            handle.Dispose();
            TryDelete(sourcePath);
            throw;
        }
    }

    /// <summary>Writes a block of values (row-major, <paramref name="width"/> per row) with its top-left cell at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public unsafe void WriteBlock(int x, int y, int width, int height, ReadOnlySpan<float> values)
    {
        var source = _source ?? throw new ObjectDisposedException(nameof(CogStreamWriter), $"{_path} is already complete or disposed");
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + (long)width > Width || y + (long)height > Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"Block ({x}, {y}, {width} x {height}) is outside the {Width} x {Height} raster {_path}.");
        if (values.Length != (long)width * height)
            throw new ArgumentException($"A {width} x {height} block needs {(long)width * height} values, got {values.Length}.", nameof(values));
        GdalErrors.Reset();
        var band = GdalNative.GDALGetRasterBand(source.DangerousGetHandle(), 1);
        fixed (float* buffer = values)
        {
            var err = GdalNative.GDALRasterIO(band, GdalNative.GfWrite, x, y, width, height, buffer, width, height, (int)GdalDataType.Float32, 0, 0);
            if (err >= GdalNative.CeFailure)
                throw GdalErrors.WriteFailure(_path, "band 1", $"cannot store the block at ({x}, {y})");
        }
    }

    /// <summary>Copies the blocks to the COG at the final path (atomically) and deletes the temporary source.</summary>
    /// <exception cref="GdalException">GDAL failed; nothing is left at the final path.</exception>
    public void Complete()
    {
        var source = _source ?? throw new ObjectDisposedException(nameof(CogStreamWriter), $"{_path} is already complete or disposed");
        try
        {
            AtomicCreateCopy.Write("COG", source, _path, _options.ToCreationOptions());
        }
        finally
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        _source?.Dispose();
        _source = null;
        TryDelete(_sourcePath);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
