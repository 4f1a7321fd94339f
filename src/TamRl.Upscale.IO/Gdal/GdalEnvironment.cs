using TamRl.Upscale.IO.Gdal.Native;

namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// The process's GDAL set-up, made explicit (in the spirit of rasterio's <c>Env</c>): drivers registered
/// once, the error handler installed (so GDAL never prints to stderr and failures become
/// <see cref="GdalException"/>), and process-wide configuration options. Every GDAL-backed type calls
/// <see cref="Current"/> first, so an explicit <see cref="Initialize"/> is only needed to set options
/// before first use. Initialisation is thread-safe and happens once.
/// </summary>
/// <remarks>
/// Config options are process-wide in GDAL (<c>CPLSetConfigOption</c>); they are not scoped to a
/// thread or a block, so set them at start-up, not around individual calls.
/// </remarks>
public sealed class GdalEnvironment
{
    private static readonly object Gate = new();
    private static GdalEnvironment? s_current;

    private GdalEnvironment(string version) => Version = version;

    /// <summary>The environment, initialised with no extra options on first use.</summary>
    public static GdalEnvironment Current => s_current ?? Initialize();

    /// <summary>GDAL's release name, e.g. "3.6.2".</summary>
    public string Version { get; }

    /// <summary>
    /// Initialises GDAL once (idempotent) and applies <paramref name="configOptions"/> (e.g.
    /// <c>GDAL_NUM_THREADS=ALL_CPUS</c>, <c>GDAL_CACHEMAX=512</c>). Later calls only apply their options.
    /// </summary>
    public static GdalEnvironment Initialize(IReadOnlyDictionary<string, string>? configOptions = null)
    {
        lock (Gate)
        {
            if (s_current is null)
            {
                // The handler goes in before drivers register, so that registration messages are caught too.
                GdalErrors.InstallHandler();
                GdalNative.GDALAllRegister();
                // The GRIB driver converts temperatures K -> degC by default; ERA5 readers and `tamrl inspect`
                // want the values the file holds (K, as the CDS's NetCDF has them). The driver reads the
                // option when it decodes a message, so it is set once here, before any GRIB file opens,
                // unless the user's environment already chose.
                if (GdalNative.CPLGetConfigOption("GRIB_NORMALIZE_UNITS", null) == IntPtr.Zero)
                    GdalNative.CPLSetConfigOption("GRIB_NORMALIZE_UNITS", "NO");
                s_current = new GdalEnvironment(GdalNative.Utf8(GdalNative.GDALVersionInfo("RELEASE_NAME")) ?? "unknown");
            }
            foreach (var (key, value) in configOptions ?? new Dictionary<string, string>())
                s_current.SetConfigOption(key, value);
            return s_current;
        }
    }

    /// <summary>Sets (or, with null, clears) a process-wide GDAL configuration option.</summary>
    public void SetConfigOption(string key, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        GdalNative.CPLSetConfigOption(key, value);
    }

    /// <summary>A GDAL configuration option's value (set here or from the environment), or null.</summary>
    public string? GetConfigOption(string key) => GdalNative.Utf8(GdalNative.CPLGetConfigOption(key, null));

    /// <summary>
    /// The most memory GDAL's raster block cache may hold, process-wide (GDALGetCacheMax64). GDAL's default
    /// is 5% of the machine's memory, so any code that streams large rasters through GDAL keeps up to that
    /// much in memory whatever it writes at a time.
    /// </summary>
    public long CacheMaxBytes => GdalNative.GDALGetCacheMax64();

    /// <summary>Lowers the block cache limit to <paramref name="bytes"/> if it is higher; never raises it (another caller may have set it lower on purpose).</summary>
    public void LimitCacheMax(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        lock (Gate)
            if (GdalNative.GDALGetCacheMax64() > bytes)
                GdalNative.GDALSetCacheMax64(bytes);
    }

    /// <summary>
    /// The warnings GDAL emitted on the calling thread since they were last taken (at most the last 64),
    /// e.g. an ignored creation option. They are kept rather than printed.
    /// </summary>
    public IReadOnlyList<GdalMessage> TakeWarnings() => GdalErrors.TakeWarnings();
}
