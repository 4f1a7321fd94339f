using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Checks;

/// <summary>
/// The <c>zarr_equals_netcdf</c> check: the staged Zarr store (<see cref="DailyZarr"/>), read back through GDAL's Zarr
/// driver (IO's <see cref="GdalZarrDataset"/>: GDAL's own zlib decoding, not the writer's), holds exactly the daily NetCDF
/// files' values (read through netCDF-C) for every variable, day and cell, fill where they hold fill, on the same
/// latitudes, longitudes and times. A chunk altered, truncated or missing (which reads as the fill) fails it. Read a
/// window of whole tiles and one time chunk at a time, as written (a window's 32 days as doubles: 16.6 MB at most).
/// </summary>
internal static class ZarrCheck
{
    public static void Compare(string folder, RegularLatLonGrid grid, DatePeriod period, CheckResult result, int max)
    {
        var relative = ProductLayout.DailyZarr(period).Replace('\\', '/');
        var store = Path.Combine(folder, relative);
        var months = period.Months().ToList();
        CheckFailure Whole(string variable, string detail) => new(relative, variable, -1, -1, double.NaN, double.NaN, period.Key, double.NaN, detail);
        if (!Directory.Exists(store))
        {
            result.Fail(Whole("", "the Zarr store is missing"), max);
            return;
        }
        try
        {
            using var zarr = GdalZarrDataset.Open(store);
            var days = period.Days;
            var shapes = FluxVariables.All.Where(v => !zarr.GetVariable(v.Name).Shape.SequenceEqual([days, grid.Rows, grid.Columns])).ToList();
            foreach (var v in shapes)
                result.Fail(Whole(v.Name, $"shape {string.Join(" x ", zarr.GetVariable(v.Name).Shape)}, expected {days} x {grid.Rows} x {grid.Columns}"), max);
            if (shapes.Count > 0)
                return;
            CompareCoordinates(zarr, months, folder, relative, period, result, max);
            CompareValues(zarr, grid, months, folder, relative, period, result, max);
        }
        catch (DataFileException e)
        {
            // GDAL cannot open the store or decode a chunk (corrupt zlib stream, truncated file): the store is not the NetCDF.
            result.Fail(Whole(e.Variable ?? "", e.Message), max);
        }
    }

    /// <summary>lat and lon against the first daily file, time against all of them in order.</summary>
    private static void CompareCoordinates(GdalZarrDataset zarr, IReadOnlyList<DatePeriod> months, string folder, string relative, DatePeriod period,
        CheckResult result, int max)
    {
        var time = new List<double>();
        foreach (var month in months)
        {
            using var daily = NetCdfFile.Open(Path.Combine(folder, ProductLayout.Daily(month)));
            time.AddRange(daily.Read<double>("time"));
            if (month != months[0])
                continue;
            foreach (var name in new[] { "lat", "lon" })
                if (!zarr.ReadDoubles(name).SequenceEqual(daily.Read<double>(name)))
                    result.Fail(new CheckFailure(relative, name, -1, -1, double.NaN, double.NaN, period.Key, double.NaN, $"{name} differs from the daily NetCDF's"), max);
        }
        if (!zarr.ReadDoubles("time").SequenceEqual(time))
            result.Fail(new CheckFailure(relative, "time", -1, -1, double.NaN, double.NaN, period.Key, double.NaN, "time differs from the daily NetCDF files'"), max);
    }

    private static void CompareValues(GdalZarrDataset zarr, RegularLatLonGrid grid, List<DatePeriod> months, string folder, string relative, DatePeriod period,
        CheckResult result, int max)
    {
        var days = period.Days;
        var (tChunk, _, _) = DailyZarr.ChunkShape(grid, days);
        var windows = DailyZarr.Windows(grid, days);
        var day = new float[windows.Max(w => w.Cells)];
        var open = new Dictionary<int, NetCdfFile>();
        try
        {
            foreach (var window in windows)
                for (var t0 = 0; t0 < days; t0 += tChunk)
                {
                    var n = Math.Min(tChunk, days - t0);
                    foreach (var v in FluxVariables.All)
                    {
                        var stored = zarr.ReadDoubles(v.Name, [t0, window.Row0, window.Column0], [n, window.Rows, window.Columns]);
                        for (var k = 0; k < n; k++)
                        {
                            var date = period.First.AddDays(t0 + k);
                            var m = months.FindIndex(mm => mm.First <= date && date <= mm.Last);
                            if (!open.TryGetValue(m, out var daily))
                            {
                                open[m] = daily = NetCdfFile.Open(Path.Combine(folder, ProductLayout.Daily(months[m])));
                                foreach (var f in FluxVariables.All)
                                    daily.SetChunkCache(f.Name, 0, 1, 1f); // whole chunks, each read once
                            }
                            var span = day.AsSpan(0, window.Cells);
                            daily.Read<float>(v.Name, [date.DayNumber - months[m].First.DayNumber, window.Row0, window.Column0], [1, window.Rows, window.Columns], span);
                            for (var i = 0; i < window.Cells; i++)
                            {
                                var z = stored[k * window.Cells + i];
                                if (z == span[i] || double.IsNaN(z) && float.IsNaN(span[i]))
                                    continue;
                                var (row, column) = (window.Row0 + i / window.Columns, window.Column0 + i % window.Columns);
                                result.Fail(new CheckFailure(relative, v.Name, row, column, grid.LatitudeOfRow(row), grid.LongitudeOfColumn(column),
                                    date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), z, $"the daily NetCDF holds {span[i]:G9}"), max);
                            }
                        }
                    }
                    // The month files of this time chunk are kept for the next variable; the next chunk may need others.
                    foreach (var (m, f) in open.Where(p => months[p.Key].Last < period.First.AddDays(t0 + n)).ToList())
                    {
                        f.Dispose();
                        open.Remove(m);
                    }
                }
        }
        finally
        {
            foreach (var f in open.Values)
                f.Dispose();
        }
    }
}
