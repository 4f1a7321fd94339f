using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Ingest.DriverCube;

/// <summary>
/// The on-disk layout of the driver cube (docs/data-contracts.md §2): file names, dimension names,
/// the fill value, the time encoding and the chunking.
/// </summary>
/// <remarks>
/// <para><b>Chunking.</b> Every feature variable is chunked (time 8, lat 32, lon 32), clipped to the file's
/// extent. The two access patterns pull in opposite directions: reading one day's map decompresses every
/// chunk of that day's time block, i.e. (time chunk) maps' worth of data; reading one pixel's series
/// decompresses one spatial block per time block, i.e. about (days in the month) x (lat chunk) x (lon chunk)
/// values per month whatever the time chunk is. So the time chunk only costs the map reader and the
/// spatial block only costs the series reader. Time 8 keeps a day's map at 8 maps of decompression
/// (about 8 MB per feature on a global 0.5° grid, tens of milliseconds) while keeping chunks large enough
/// (32 KiB raw) for zlib and HDF5's chunk index to stay efficient; a time chunk of 1 would give 4 KiB chunks
/// and 31 index lookups per pixel-month. A 32 x 32 block keeps a pixel-month at 4 chunks (128 KiB raw),
/// and the reader reads each block once for all the requested pixels that fall in it, so extracting
/// hundreds of towers never costs more than reading the cube once.</para>
/// <para>Compression: zlib level 2 with shuffle (level 2 gives nearly level 4's ratio on float32 fields at
/// a fraction of its time).</para>
/// </remarks>
public static class DriverCubeLayout
{
    public const string StaticFileName = "static.nc";

    /// <summary>The variables of static.nc, each (lat, lon).</summary>
    public static readonly IReadOnlyList<string> StaticVariables = ["land_fraction", "elevation", "igbp", "koppen"];
    public const string ManifestFileName = "manifest.json";
    public const string TimeDimension = "time";
    public const string LatitudeDimension = "lat";
    public const string LongitudeDimension = "lon";
    public const string BoundsDimension = "nv";
    public const string TimeUnits = CfTimeEncoder.DaysSinceEpoch;
    public const string Calendar = CfTimeEncoder.Calendar;

    /// <summary>_FillValue of the float32 features (over ocean); readers return NaN in its place.</summary>
    public const float FillValue = -9999f;

    /// <summary>_FillValue of the integer static fields (igbp, koppen) over ocean.</summary>
    public const int IntegerFillValue = -1;

    public const int TimeChunk = 8;
    public const int SpatialChunk = 32;

    /// <summary>
    /// Chunk side of the static fields (lat and lon, clipped to the grid): inference reads them a tile at a time
    /// (tiles are whole multiples of <see cref="SpatialChunk"/>), so a chunk is 256 KiB decompressed, not
    /// netCDF-C's default of a sixth of the map (11 MiB per field at 0.05 degree).
    /// </summary>
    public const int StaticChunk = 8 * SpatialChunk;
    public const int DeflateLevel = 2;

    public static readonly DateOnly Epoch = CfTimeEncoder.Epoch;

    /// <summary>"drivers_YYYY-MM.nc".</summary>
    public static string MonthFileName(CubeMonth month) => $"drivers_{month}.nc";

    /// <summary>The month a file name like "drivers_2020-03.nc" holds, or null for any other name.</summary>
    public static CubeMonth? MonthOfFileName(string fileName)
    {
        if (!fileName.StartsWith("drivers_", StringComparison.Ordinal) || !fileName.EndsWith(".nc", StringComparison.Ordinal))
            return null;
        var middle = fileName["drivers_".Length..^".nc".Length];
        return middle.Length == 7 && CubeMonth.TryParse(middle, out var month) ? month : null;
    }

    /// <summary>Chunk sizes (time, lat, lon) of a feature variable in a month file of <paramref name="days"/> days.</summary>
    public static long[] FeatureChunks(RegularLatLonGrid grid, int days) =>
        [Math.Min(TimeChunk, days), Math.Min(SpatialChunk, grid.Rows), Math.Min(SpatialChunk, grid.Columns)];

    /// <summary>Days since 1970-01-01 of a date (the time coordinate is the day's start, time_bnds its 24 hours).</summary>
    public static int DayNumber(DateOnly day) => day.DayNumber - Epoch.DayNumber;

    public static DateOnly DayOf(double dayNumber) => Epoch.AddDays((int)Math.Floor(dayNumber));
}
