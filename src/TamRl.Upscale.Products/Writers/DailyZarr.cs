using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.IO.Zarr;

namespace TamRl.Upscale.Products.Writers;

/// <summary>
/// The daily product of a whole period as one consolidated Zarr v2 store (<see cref="ProductLayout.DailyZarr"/>), for
/// xarray/dask users: the six flux variables [time, lat, lon] of every day of the period, with the coordinates, bounds,
/// <c>crs</c> and <c>land_fraction</c> of the daily NetCDF files and their CF attributes, copied from those files (so the
/// two cannot drift). Written with IO's <see cref="ZarrV2Writer"/> (numcodecs <c>zlib</c>, little-endian float32, C order,
/// xarray's <c>_ARRAY_DIMENSIONS</c>), then consolidated into <c>.zmetadata</c> as zarr-python's
/// <c>consolidate_metadata</c> does, so <c>xr.open_zarr</c> reads one file to list the store.
/// <para>
/// CF's <c>_FillValue</c> is the array's <c>fill_value</c> in <c>.zarray</c> (-9999 over ocean), which is where xarray
/// itself puts it in Zarr v2 and where it reads it from; it is not repeated in <c>.zattrs</c>.
/// </para>
/// <para>
/// Chunks are <see cref="TimeChunk"/> days x <see cref="TileRows"/> x <see cref="TileColumns"/> cells (~1 MiB of float32
/// before compression), so that both common reads stay cheap: a pixel's year is ceil(days / 32) chunks (12 for a year),
/// a day's map is every spatial tile of one time chunk (docs/products.md, "Zarr"). Written from the staged daily NetCDF
/// files read back, a window of whole tiles at a time (2 x 4 tiles, one product block: one NetCDF chunk per day when the
/// grid is at least that large), so memory holds one window of 32 days of one variable (8.3 MB) whatever the grid.
/// </para>
/// </summary>
public static class DailyZarr
{
    public const int TimeChunk = 32;

    public const int TileRows = 90;

    public const int TileColumns = 90;

    /// <summary>The chunk shape [time, lat, lon] of the flux arrays (each side capped by the array's).</summary>
    public static (int Time, int Rows, int Columns) ChunkShape(RegularLatLonGrid grid, int days) =>
        (Math.Min(TimeChunk, days), Math.Min(TileRows, grid.Rows), Math.Min(TileColumns, grid.Columns));

    /// <summary>
    /// Windows of whole tiles covering the grid, each at most a product block's size in tiles (2 x 4 at 90 cells): read
    /// from the daily files and cut into chunks. Also what the <c>zarr_equals_netcdf</c> check reads, window by window.
    /// </summary>
    public static IReadOnlyList<GridBlock> Windows(RegularLatLonGrid grid, int days)
    {
        var (_, tr, tc) = ChunkShape(grid, days);
        var rows = tr * Math.Max(1, ProductBlocks.MaxBlock.Rows / tr);
        var columns = tc * Math.Max(1, ProductBlocks.MaxBlock.Columns / tc);
        var windows = new List<GridBlock>();
        for (var r = 0; r < grid.Rows; r += rows)
            for (var c = 0; c < grid.Columns; c += columns)
                windows.Add(new GridBlock(r, Math.Min(rows, grid.Rows - r), c, Math.Min(columns, grid.Columns - c)));
        return windows;
    }

    /// <summary>
    /// Writes the store from the daily NetCDF files already in <paramref name="folder"/>; returns every file of the store,
    /// relative to <paramref name="folder"/>, in ordinal order (each goes to the manifest with its checksum).
    /// </summary>
    public static IReadOnlyList<string> Write(string folder, RegularLatLonGrid grid, DatePeriod period)
    {
        var months = period.Months().ToList();
        var store = Path.Combine(folder, ProductLayout.DailyZarr(period));
        if (Directory.Exists(store))
            Directory.Delete(store, recursive: true);
        Directory.CreateDirectory(Path.GetDirectoryName(store)!);
        var dailyPaths = months.Select(m => Path.Combine(folder, ProductLayout.Daily(m))).ToList();
        var days = period.Days;
        var (tChunk, rChunk, cChunk) = ChunkShape(grid, days);
        var tile = new long[] { rChunk, cChunk };
        ZarrV2Writer zarr;
        using (var first = NetCdfFile.Open(dailyPaths[0]))
        {
            var global = Attributes(first.GlobalAttributes);
            global["time_coverage_start"] = period.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            global["time_coverage_end"] = period.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            zarr = new ZarrV2Writer(store, global);
            foreach (var name in new[] { "lat", "lon", "lat_bnds", "lon_bnds" })
            {
                var info = first.GetVariable(name);
                var shape = info.Shape.ToArray();
                zarr.CreateArray<double>(name, [.. info.DimensionNames], shape, shape, null, Attributes(info.Attributes));
                zarr.WriteChunk<double>(name, new long[shape.Length], first.Read<double>(name));
            }
            // A scalar with attributes only (CF's grid mapping): its one chunk is left unwritten and reads as the fill, 0.
            zarr.CreateArray<int>(CfGrid.GridMapping, [], [], [], 0, Attributes(first.GetVariable(CfGrid.GridMapping).Attributes));
            var land = first.GetVariable("land_fraction");
            zarr.CreateArray<float>("land_fraction", ["lat", "lon"], [grid.Rows, grid.Columns], tile, ProductFill.Value, Attributes(land.Attributes));
            var landValues = first.Read<float>("land_fraction");
            var chunk = new float[rChunk * cChunk];
            for (var r0 = 0; r0 < grid.Rows; r0 += rChunk)
                for (var c0 = 0; c0 < grid.Columns; c0 += cChunk)
                {
                    Array.Fill(chunk, ProductFill.Value);
                    for (var r = 0; r < Math.Min(rChunk, grid.Rows - r0); r++)
                        landValues.AsSpan((r0 + r) * grid.Columns + c0, Math.Min(cChunk, grid.Columns - c0)).CopyTo(chunk.AsSpan(r * cChunk));
                    zarr.WriteChunk<float>("land_fraction", [r0 / rChunk, c0 / cChunk], chunk);
                }
            foreach (var v in FluxVariables.All)
                zarr.CreateArray<float>(v.Name, ["time", "lat", "lon"], [days, grid.Rows, grid.Columns], [tChunk, rChunk, cChunk], ProductFill.Value,
                    Attributes(first.GetVariable(v.Name).Attributes));
            zarr.CreateArray<double>("time", ["time"], [days], [days], null, Attributes(first.GetVariable("time").Attributes));
            var bounds = first.GetVariable("time_bnds");
            zarr.CreateArray<double>("time_bnds", [.. bounds.DimensionNames], [days, 2], [days, 2], null, Attributes(bounds.Attributes));
        }

        // time and its bounds: the daily files' own values, month after month.
        var time = new List<double>(days);
        var timeBounds = new List<double>(2 * days);
        foreach (var path in dailyPaths)
        {
            using var file = NetCdfFile.Open(path);
            time.AddRange(file.Read<double>("time"));
            timeBounds.AddRange(file.Read<double>("time_bnds"));
        }
        zarr.WriteChunk<double>("time", [0], time.ToArray());
        zarr.WriteChunk<double>("time_bnds", [0, 0], timeBounds.ToArray());

        WriteFluxes(zarr, grid, period, months, dailyPaths);
        Consolidate(store);
        return Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The flux arrays, a window and 32 days at a time, read from the daily files (one NetCDF chunk per day and variable).</summary>
    private static void WriteFluxes(ZarrV2Writer zarr, RegularLatLonGrid grid, DatePeriod period, IReadOnlyList<DatePeriod> months, IReadOnlyList<string> dailyPaths)
    {
        var days = period.Days;
        var (tChunk, rChunk, cChunk) = ChunkShape(grid, days);
        var windows = Windows(grid, days);
        var buffer = new float[tChunk * windows.Max(w => w.Cells)];
        var chunk = new float[tChunk * rChunk * cChunk];
        foreach (var window in windows)
            for (var t0 = 0; t0 < days; t0 += tChunk)
            {
                var n = Math.Min(tChunk, days - t0);
                using var files = new DayFiles(months, dailyPaths, period);
                foreach (var v in FluxVariables.All)
                {
                    for (var k = 0; k < n; k++)
                    {
                        var (file, step) = files.Of(t0 + k);
                        file.Read<float>(v.Name, [step, window.Row0, window.Column0], [1, window.Rows, window.Columns], buffer.AsSpan(k * window.Cells, window.Cells));
                    }
                    for (var r0 = 0; r0 < window.Rows; r0 += rChunk)
                        for (var c0 = 0; c0 < window.Columns; c0 += cChunk)
                        {
                            Array.Fill(chunk, ProductFill.Value); // edge chunks are padded with the fill
                            var rows = Math.Min(rChunk, window.Rows - r0);
                            var columns = Math.Min(cChunk, window.Columns - c0);
                            for (var k = 0; k < n; k++)
                                for (var r = 0; r < rows; r++)
                                    buffer.AsSpan(k * window.Cells + (r0 + r) * window.Columns + c0, columns)
                                        .CopyTo(chunk.AsSpan((k * rChunk + r) * cChunk));
                            zarr.WriteChunk<float>(v.Name, [t0 / tChunk, (window.Row0 + r0) / rChunk, (window.Column0 + c0) / cChunk], chunk);
                        }
                }
            }
    }

    /// <summary>
    /// <c>.zmetadata</c>: every <c>.zgroup</c>, <c>.zattrs</c> and <c>.zarray</c> of the store under its path, as
    /// zarr-python's <c>consolidate_metadata</c> writes it (<c>zarr_consolidated_format</c> 1).
    /// </summary>
    public static void Consolidate(string store)
    {
        var metadata = new JsonObject();
        foreach (var file in Directory.EnumerateFiles(store, ".z*", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(f) is ".zgroup" or ".zattrs" or ".zarray")
                     .Order(StringComparer.Ordinal))
            metadata[Path.GetRelativePath(store, file).Replace('\\', '/')] = JsonNode.Parse(File.ReadAllText(file));
        var root = new JsonObject { ["metadata"] = metadata, ["zarr_consolidated_format"] = 1 };
        File.WriteAllText(Path.Combine(store, ".zmetadata"), root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>
    /// A NetCDF variable's (or the file's) attributes as JSON values: text as strings, numbers as a number or a list.
    /// <c>_FillValue</c> (the array's <c>fill_value</c>) and netCDF-C's reserved <c>_</c> names are left out.
    /// </summary>
    private static Dictionary<string, object> Attributes(AttributeSet attributes)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in attributes)
        {
            if (name.StartsWith('_'))
                continue;
            if (value.IsText)
                result[name] = value.Text!;
            else
            {
                var numbers = value.Numbers!.Cast<object>().Select(Number).ToArray();
                result[name] = numbers.Length == 1 ? numbers[0] : numbers;
            }
        }
        return result;
    }

    /// <summary>A float written as its shortest round-trip decimal (0.5f, not 0.5000000000), integers as they are.</summary>
    private static object Number(object n) => n switch
    {
        float f => double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        _ => n,
    };

    /// <summary>The daily files of the days a time chunk covers (at most two months), opened once per chunk.</summary>
    private sealed class DayFiles(IReadOnlyList<DatePeriod> months, IReadOnlyList<string> paths, DatePeriod period) : IDisposable
    {
        private readonly Dictionary<int, NetCdfFile> _open = new();

        public (NetCdfFile File, int Step) Of(int dayOfPeriod)
        {
            var date = period.First.AddDays(dayOfPeriod);
            var m = 0;
            while (months[m].Last < date)
                m++;
            if (!_open.TryGetValue(m, out var file))
            {
                _open[m] = file = NetCdfFile.Open(paths[m]);
                foreach (var v in FluxVariables.All)
                    file.SetChunkCache(v.Name, 0, 1, 1f); // whole chunks, each read once
            }
            return (file, date.DayNumber - months[m].First.DayNumber);
        }

        public void Dispose()
        {
            foreach (var file in _open.Values)
                file.Dispose();
        }
    }
}
