using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Ingest.Era5;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Bench;

/// <summary>
/// Hourly to daily of ingest against <c>cdo daymean</c>: one month (January, 744 hours) of global 0.25 degree
/// t2m in the new-CDS layout (valid_time in seconds since 1970, latitude 90..-90, longitude 0..359.75,
/// float32, zlib level 1 with shuffle, one chunk per hour as the CDS delivers it), generated here. Both
/// sides read the same file and write the 31 daily means uncompressed: ours through the ingest path
/// (CF time and grid decoding, reorder onto the canonical -180..180 grid, <see cref="DailyAggregation"/>,
/// NetCdfFile write), CDO's <c>daymean</c> as it is.
/// </summary>
public static class IngestDailyMeanBenchmark
{
    public const int Lats = 721, Lons = 1440, Days = 31, Hours = Days * 24;

    public static IReadOnlyList<BenchRow> Run(string workDir)
    {
        Directory.CreateDirectory(workDir);
        var input = Path.Combine(workDir, "era5_t2m_hourly_2020-01.nc");
        var generate = NetCdfCopyBenchmark.Time(() => WriteHourly(input));
        NetCdfCopyBenchmark.Tool("sync");

        var ours = Path.Combine(workDir, "daymean-ours.nc");
        var cdo = Path.Combine(workDir, "daymean-cdo.nc");
        var (oursSeconds, cdoSeconds) = NetCdfCopyBenchmark.BestOfTwo(
            () => DailyMeans(input, ours),
            () => NetCdfCopyBenchmark.Tool("cdo", "-s", "-O", "daymean", input, cdo));
        var check = MaxDifference(ours, cdo);

        var note = $"input {new FileInfo(input).Length >> 20} MiB zlib-1 (generated in {generate:F0} s); max |ours - cdo| = {check:G3} K";
        foreach (var f in new[] { input, ours, cdo })
            File.Delete(f);
        return [new BenchRow($"ERA5 hourly->daily mean, {Hours}x{Lats}x{Lons} t2m", oursSeconds, "cdo daymean", cdoSeconds, note)];
    }

    /// <summary>Our side: the ingest reader and aggregation, written as a plain daily NetCDF-4 file.</summary>
    private static void DailyMeans(string input, string output)
    {
        using var set = new Era5InputSet(Era5Layout.NewCds, [input]);
        var series = Era5FieldSeries.Open(Era5Quantity.T2m, [set]);
        var grid = series.Grid;
        using var nc = NetCdfFile.Create(output);
        nc.AddDimension("time", Days);
        nc.AddDimension("lat", grid.Rows);
        nc.AddDimension("lon", grid.Columns);
        nc.AddVariable("time", NcType.Double, ["time"]);
        nc.SetAttribute("time", "units", "days since 1970-01-01");
        nc.AddVariable("lat", NcType.Double, ["lat"]);
        nc.SetAttribute("lat", "units", "degrees_north");
        nc.AddVariable("lon", NcType.Double, ["lon"]);
        nc.SetAttribute("lon", "units", "degrees_east");
        nc.AddVariable("t2m", NcType.Float, ["time", "lat", "lon"], new NcVariableOptions { NoFill = true });
        nc.SetAttribute("t2m", "units", "K");
        nc.Write<double>("lat", grid.Latitudes());
        nc.Write<double>("lon", grid.Longitudes());
        var mean = new float[grid.Rows * grid.Columns];
        var first = new DateOnly(2020, 1, 1);
        for (var d = 0; d < Days; d++)
        {
            var day = first.AddDays(d);
            DailyAggregation.Instant(series, day, mean);
            nc.Write<float>("t2m", [d, 0, 0], [1, grid.Rows, grid.Columns], mean);
            nc.Write<double>("time", [d], [1], [day.DayNumber - new DateOnly(1970, 1, 1).DayNumber]);
        }
    }

    /// <summary>A temperature-like hourly field: latitude profile, diurnal cycle moving with longitude, weather waves, seeded noise.</summary>
    private static void WriteHourly(string path)
    {
        using var nc = NetCdfFile.Create(path);
        nc.AddDimension("valid_time", Hours);
        nc.AddDimension("latitude", Lats);
        nc.AddDimension("longitude", Lons);
        nc.AddVariable("valid_time", NcType.Int64, ["valid_time"]);
        nc.SetAttribute("valid_time", "standard_name", "time");
        nc.SetAttribute("valid_time", "units", "seconds since 1970-01-01");
        nc.SetAttribute("valid_time", "calendar", "proleptic_gregorian");
        nc.AddVariable("latitude", NcType.Double, ["latitude"]);
        nc.SetAttribute("latitude", "units", "degrees_north");
        nc.SetAttribute("latitude", "standard_name", "latitude");
        nc.AddVariable("longitude", NcType.Double, ["longitude"]);
        nc.SetAttribute("longitude", "units", "degrees_east");
        nc.SetAttribute("longitude", "standard_name", "longitude");
        nc.AddVariable("t2m", NcType.Float, ["valid_time", "latitude", "longitude"], new NcVariableOptions
        {
            DeflateLevel = 1, Shuffle = true, ChunkSizes = [1, Lats, Lons], FillValue = AttributeValue.Of(float.NaN),
        });
        nc.SetAttribute("t2m", "units", "K");
        var start = (long)(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds;
        nc.Write<long>("valid_time", Enumerable.Range(0, Hours).Select(h => start + h * 3600L).ToArray());
        nc.Write<double>("latitude", Enumerable.Range(0, Lats).Select(i => 90 - i * 0.25).ToArray());
        nc.Write<double>("longitude", Enumerable.Range(0, Lons).Select(j => j * 0.25).ToArray());

        var random = new Random(20261125);
        var baseMap = new float[Lats * Lons];
        for (var y = 0; y < Lats; y++)
        {
            var lat = (90 - y * 0.25) * Math.PI / 180;
            for (var x = 0; x < Lons; x++)
                baseMap[y * Lons + x] = (float)(300 - 45 * Math.Sin(lat) * Math.Sin(lat) + 3 * Math.Sin(x * 0.02) * Math.Cos(y * 0.03));
        }
        var noise = new float[4096];
        for (var i = 0; i < noise.Length; i++)
            noise[i] = (float)(random.NextDouble() * 0.5);
        var diurnal = new float[Lons];
        var map = new float[Lats * Lons];
        using var writer = nc.StepWriter<float>("t2m");
        for (var h = 0; h < Hours; h++)
        {
            for (var x = 0; x < Lons; x++)
                diurnal[x] = (float)(5 * Math.Sin(2 * Math.PI * ((h % 24) + x * 0.25 / 15.0 - 9) / 24));
            var shift = random.Next(noise.Length);
            for (var y = 0; y < Lats; y++)
                for (var x = 0; x < Lons; x++)
                {
                    var i = y * Lons + x;
                    map[i] = baseMap[i] + diurnal[x] + noise[(i + shift) & (noise.Length - 1)];
                }
            writer.Write(h, map);
        }
    }

    /// <summary>Largest difference between our daily means and CDO's, after putting CDO's 0..360 columns on our -180..180 order.</summary>
    private static double MaxDifference(string ours, string cdo)
    {
        using var a = NetCdfFile.Open(ours);
        using var b = NetCdfFile.Open(cdo);
        var max = 0.0;
        foreach (var d in new[] { 0, Days / 2, Days - 1 })
        {
            var x = a.Read<float>("t2m", [d, 0, 0], [1, Lats, Lons]);
            var y = b.Read<float>("t2m", [d, 0, 0], [1, Lats, Lons]);
            for (var r = 0; r < Lats; r++)
                for (var c = 0; c < Lons; c++)
                    max = Math.Max(max, Math.Abs(x[r * Lons + c] - y[r * Lons + (c + Lons / 2) % Lons]));
        }
        return max;
    }
}
