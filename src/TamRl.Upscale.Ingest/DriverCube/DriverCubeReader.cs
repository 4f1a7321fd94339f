using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Ingest.DriverCube;

/// <summary>
/// Reads a driver cube folder (OUT/drivers: static.nc, drivers_YYYY-MM.nc): one day's map of a feature,
/// the series of a set of pixels over a period spanning months, and the static fields. Values come back
/// as float32 in the units of <see cref="DriverFeatures"/>, NaN where the file holds its fill value. The cube's
/// features are those of the catalogue its first month file holds (<see cref="Features"/>, in file order);
/// every other month must hold the same ones.
/// <para>
/// Month files are opened on first use and the two most recently used kept open (netCDF-C gives each open
/// variable a chunk cache of a row of chunks, ~8 MB per feature on a global 0.5° grid, so a year held open
/// would cost a gigabyte); each is checked to be on the cube's grid, to hold every feature and to have one
/// time step per day of its month. Not thread-safe (netCDF-C serialises calls anyway): use one reader per thread.
/// </para>
/// </summary>
public sealed class DriverCubeReader : IDisposable
{
    /// <summary>How many month files stay open at once.</summary>
    internal const int OpenMonthLimit = 2;

    private readonly HashSet<CubeMonth> _validated = new();

    private readonly Dictionary<CubeMonth, NetCdfFile> _open = new();
    private readonly LinkedList<CubeMonth> _recent = new();
    private readonly HashSet<(NetCdfFile File, string Feature)> _uncached = new();
    private readonly SortedDictionary<CubeMonth, string> _files;
    private bool _disposed;

    private DriverCubeReader(string directory, RegularLatLonGrid grid, SortedDictionary<CubeMonth, string> files, IReadOnlyList<DriverFeature> features)
    {
        Directory = directory;
        Grid = grid;
        _files = files;
        _features = features;
        Features = features.Select(f => f.Name).ToArray();
    }

    private readonly IReadOnlyList<DriverFeature> _features;

    /// <summary>The cube's folder.</summary>
    public string Directory { get; }

    /// <summary>The grid every file of the cube is on (from static.nc).</summary>
    public RegularLatLonGrid Grid { get; }

    /// <summary>The months present, in order, without gaps.</summary>
    public IReadOnlyList<CubeMonth> Months => _files.Keys.ToArray();

    public DateOnly FirstDay => _files.Keys.First().FirstDay;

    public DateOnly LastDay => _files.Keys.Last().LastDay;

    /// <summary>The feature names every month file holds, in file order.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>
    /// Opens a cube folder. A missing static.nc, no month files, or a month missing between the first
    /// and the last throws <see cref="InvalidInputException"/> naming the folder or file.
    /// </summary>
    public static DriverCubeReader Open(string directory)
    {
        var dir = Path.GetFullPath(directory);
        var staticPath = Path.Combine(dir, DriverCubeLayout.StaticFileName);
        if (!File.Exists(staticPath))
            throw new InvalidInputException(staticPath, null, "the driver cube has no static file");
        RegularLatLonGrid grid;
        using (var nc = NetCdfFile.Open(staticPath))
            grid = CfGridVariables.Read(nc);

        var files = new SortedDictionary<CubeMonth, string>();
        foreach (var path in System.IO.Directory.EnumerateFiles(dir, "drivers_*.nc"))
            if (DriverCubeLayout.MonthOfFileName(Path.GetFileName(path)) is { } month)
                files[month] = path;
        if (files.Count == 0)
            throw new InvalidInputException(dir, null, "the driver cube holds no drivers_YYYY-MM.nc file");
        var expected = files.Keys.First();
        foreach (var month in files.Keys)
        {
            if (month != expected)
                throw new InvalidInputException(Path.Combine(dir, DriverCubeLayout.MonthFileName(expected)), null,
                    $"month {expected} is missing between {files.Keys.First()} and {files.Keys.Last()}");
            expected = month.Next;
        }
        return new DriverCubeReader(dir, grid, files, FeaturesOf(files.Values.First()));
    }

    /// <summary>The catalogue features a month file holds as (time, lat, lon) variables, in file order.</summary>
    private static IReadOnlyList<DriverFeature> FeaturesOf(string monthFile)
    {
        using var nc = NetCdfFile.Open(monthFile);
        var features = nc.Variables
            .Where(v => v.DimensionNames.SequenceEqual([DriverCubeLayout.TimeDimension, "lat", "lon"]))
            .Select(v => DriverFeatures.FindCubeFeature(v.Name))
            .OfType<DriverFeature>()
            .ToArray();
        return features.Length > 0 ? features
            : throw new InvalidInputException(monthFile, null,
                $"the month file holds no driver feature as (time, lat, lon); expected some of {string.Join(", ", DriverFeatures.CubeCatalogue.Select(f => f.Name))}");
    }

    /// <summary>Throws naming the feature and what the cube holds when the cube lacks it.</summary>
    private void RequireFeature(string feature)
    {
        if (!Features.Contains(feature))
            throw new InvalidInputException(Directory, feature, $"the driver cube holds no feature '{feature}'; it holds {string.Join(", ", Features)}");
    }

    /// <summary>The row and column of the cell holding a point, or false when the point lies outside the grid.</summary>
    public bool TryLocate(double latitude, double longitude, out int row, out int column)
    {
        var lon = longitude;
        if (Grid.IsGlobalInLongitude)
            lon = Grid.West + ((lon - Grid.West) % 360 + 360) % 360;
        row = Grid.RowOf(latitude);
        column = Grid.ColumnOf(lon);
        if (row == Grid.Rows && Math.Abs(latitude - Grid.South) < 1e-9)
            row--;
        return row >= 0 && row < Grid.Rows && column >= 0 && column < Grid.Columns;
    }

    /// <summary>One feature's map of one day, row-major (rows north to south), NaN over ocean.</summary>
    public float[] ReadDayMap(string feature, DateOnly day)
    {
        RequireFeature(feature);
        var nc = MonthFile(CubeMonth.Of(day));
        if (_uncached.Remove((nc, feature)))
        {
            // A series read bypassed the cache; successive days of a map share chunks: one row of them.
            var chunks = DriverCubeLayout.FeatureChunks(Grid, 1);
            var rowOfChunks = (long)DriverCubeLayout.TimeChunk * chunks[1] * chunks[2] * sizeof(float)
                * ((Grid.Rows + chunks[1] - 1) / chunks[1]) * ((Grid.Columns + chunks[2] - 1) / chunks[2]);
            nc.SetChunkCache(feature, rowOfChunks + rowOfChunks / 8, 1009, 0.75f);
        }
        var map = nc.Read<float>(feature, [day.Day - 1, 0, 0], [1, Grid.Rows, Grid.Columns]);
        FillToNaN(map);
        return map;
    }

    /// <summary>
    /// The daily series of <paramref name="pixels"/> (row, column) from <paramref name="first"/> to
    /// <paramref name="last"/> inclusive, for <paramref name="features"/> (default: all, model order).
    /// Each month file is visited once; within it, each chunk-sized block of the grid holding requested
    /// pixels is read once for all of them, so many pixels cost at most one pass over the cube.
    /// </summary>
    public PixelSeries ReadPixelSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, DateOnly last, IReadOnlyList<string>? features = null)
    {
        features ??= Features;
        var days = Math.Max(0, last.DayNumber - first.DayNumber + 1);
        var values = new float[checked((long)pixels.Count * days * features.Count)];
        ReadPixelSeries(pixels, first, last, features, values);
        return new PixelSeries(pixels.ToArray(), first, days, features.ToArray(), values);
    }

    /// <summary>
    /// <see cref="ReadPixelSeries(IReadOnlyList{ValueTuple{int, int}}, DateOnly, DateOnly, IReadOnlyList{string}?)"/>
    /// into a caller's buffer of exactly pixels x days x features values, laid out [pixel, day, feature]:
    /// a caller reading many sets of pixels reuses one buffer instead of leaving each behind for the GC.
    /// </summary>
    public void ReadPixelSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, DateOnly last, IReadOnlyList<string> features, Span<float> values)
    {
        foreach (var f in features)
            RequireFeature(f);
        for (var p = 0; p < pixels.Count; p++)
            if (pixels[p].Row < 0 || pixels[p].Row >= Grid.Rows || pixels[p].Column < 0 || pixels[p].Column >= Grid.Columns)
                throw new ArgumentOutOfRangeException(nameof(pixels), $"pixel {p} (row {pixels[p].Row}, column {pixels[p].Column}) is outside the {Grid.Rows} x {Grid.Columns} grid");
        if (first < FirstDay || last > LastDay)
            throw new InvalidInputException(Directory, null, $"period {first:yyyy-MM-dd}..{last:yyyy-MM-dd} is not covered by the cube ({FirstDay:yyyy-MM-dd}..{LastDay:yyyy-MM-dd})");

        var days = last.DayNumber - first.DayNumber + 1;
        var nf = features.Count;
        if (values.Length != (long)pixels.Count * days * nf)
            throw new ArgumentException($"a buffer of {values.Length} values for {pixels.Count} pixels x {days} days x {nf} features", nameof(values));
        var blocks = pixels.Select((p, i) => (p, i))
            .GroupBy(x => (x.p.Row / DriverCubeLayout.SpatialChunk, x.p.Column / DriverCubeLayout.SpatialChunk))
            .Select(g => g.ToArray())
            .ToArray();

        // One buffer for every block's hyperslab (at most a month of a chunk-sized block, 124 KiB): a fresh
        // array per block, month and feature would be large-object garbage, hundreds of MB per call.
        var slabBuffer = new float[31 * DriverCubeLayout.SpatialChunk * DriverCubeLayout.SpatialChunk];
        foreach (var month in CubeMonth.Span(first, last))
        {
            var nc = MonthFile(month);
            var d0 = month == CubeMonth.Of(first) ? first.Day - 1 : 0;
            var d1 = month == CubeMonth.Of(last) ? last.Day - 1 : month.Days - 1;
            var n = d1 - d0 + 1;
            var offset = month.FirstDay.AddDays(d0).DayNumber - first.DayNumber;
            for (var fi = 0; fi < nf; fi++)
            {
                // Each chunk is decompressed once per call (blocks are chunk-aligned), so a chunk cache would
                // only hold chunks never read again; without one, memory does not depend on the grid.
                BypassChunkCache(nc, features[fi]);
                foreach (var block in blocks)
                {
                    // The bounding box of the block's requested pixels: one hyperslab, whole chunks decompressed once.
                    int r0 = block.Min(x => x.p.Row), r1 = block.Max(x => x.p.Row);
                    int c0 = block.Min(x => x.p.Column), c1 = block.Max(x => x.p.Column);
                    int nr = r1 - r0 + 1, ncol = c1 - c0 + 1;
                    var slab = slabBuffer.AsSpan(0, n * nr * ncol);
                    nc.Read<float>(features[fi], [d0, r0, c0], [n, nr, ncol], slab);
                    foreach (var (p, i) in block)
                    {
                        var at = (p.Row - r0) * ncol + (p.Column - c0);
                        for (var d = 0; d < n; d++)
                        {
                            var v = slab[d * nr * ncol + at];
                            values[(int)(((long)i * days + offset + d) * nf + fi)] = v == DriverCubeLayout.FillValue ? float.NaN : v;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Series reads need no chunk cache: netCDF-C would size one to a row of chunks across the grid
    /// (NetCdfFile's default), which grows with the grid although each chunk is read once.
    /// </summary>
    private void BypassChunkCache(NetCdfFile nc, string feature)
    {
        if (_uncached.Add((nc, feature)))
            nc.SetChunkCache(feature, 0, 1, 0f);
    }

    /// <summary>The static fields (NaN and -1 over ocean).</summary>
    public StaticFields ReadStatic()
    {
        using var nc = NetCdfFile.Open(Path.Combine(Directory, DriverCubeLayout.StaticFileName));
        var land = nc.Read<float>("land_fraction");
        var elevation = nc.Read<float>("elevation");
        FillToNaN(land);
        FillToNaN(elevation);
        return new StaticFields(land, elevation, nc.Read<int>("igbp"), nc.Read<int>("koppen"));
    }

    /// <summary>
    /// The static fields of a window of the grid (rows <paramref name="row0"/>.., columns <paramref name="column0"/>..),
    /// row-major over the window, NaN and -1 over ocean: what inference reads per chunk, so that no stage needs the
    /// whole grid's fields at once (26 million cells at 0.05 degree).
    /// </summary>
    public StaticFields ReadStatic(int row0, int rows, int column0, int columns)
    {
        if (row0 < 0 || column0 < 0 || rows < 1 || columns < 1 || row0 + rows > Grid.Rows || column0 + columns > Grid.Columns)
            throw new ArgumentOutOfRangeException(nameof(row0),
                $"window rows {row0}+{rows}, columns {column0}+{columns} is outside the {Grid.Rows} x {Grid.Columns} grid of {Directory}");
        using var nc = NetCdfFile.Open(Path.Combine(Directory, DriverCubeLayout.StaticFileName));
        // The file is opened for this window, so each chunk under it is decompressed once whatever the cache:
        // without one, memory is one chunk, not the row of chunks across the grid netCDF-C would be sized to
        // (~35 MiB per field at 0.05 degree for a cube written with netCDF-C's default chunks).
        foreach (var field in DriverCubeLayout.StaticVariables)
            nc.SetChunkCache(field, 0, 1, 0f);
        long[] start = [row0, column0];
        long[] count = [rows, columns];
        var land = nc.Read<float>("land_fraction", start, count);
        var elevation = nc.Read<float>("elevation", start, count);
        FillToNaN(land);
        FillToNaN(elevation);
        return new StaticFields(land, elevation, nc.Read<int>("igbp", start, count), nc.Read<int>("koppen", start, count));
    }

    /// <summary>Month files open now (for tests).</summary>
    internal int OpenMonthFiles => _open.Count;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var nc in _open.Values)
            nc.Dispose();
        _open.Clear();
        _uncached.Clear();
        _recent.Clear();
    }

    private NetCdfFile MonthFile(CubeMonth month)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_open.TryGetValue(month, out var open))
        {
            _recent.Remove(month);
            _recent.AddFirst(month);
            return open;
        }
        if (!_files.TryGetValue(month, out var path))
            throw new InvalidInputException(Path.Combine(Directory, DriverCubeLayout.MonthFileName(month)), null,
                $"month {month} is not in the cube ({_files.Keys.First()}..{_files.Keys.Last()})");
        var nc = NetCdfFile.Open(path);
        try
        {
            // A file reopened by the same reader was checked the first time (files are written whole by ingest).
            if (_validated.Add(month))
                Validate(nc, month);
        }
        catch
        {
            _validated.Remove(month);
            nc.Dispose();
            throw;
        }
        while (_open.Count >= OpenMonthLimit)
        {
            var oldest = _recent.Last!.Value;
            _recent.RemoveLast();
            _open.Remove(oldest, out var closing);
            _uncached.RemoveWhere(k => k.File == closing);
            closing!.Dispose();
        }
        _open[month] = nc;
        _recent.AddFirst(month);
        return nc;
    }

    private void Validate(NetCdfFile nc, CubeMonth month)
    {
        if (CfGridVariables.Read(nc) != Grid)
            throw new InvalidInputException(nc.Path, "lat", "the file's grid differs from static.nc's");
        var time = nc.ReadDoubles("time");
        if (time.Length != month.Days)
            throw new InvalidInputException(nc.Path, "time", $"{time.Length} steps for the {month.Days} days of {month}");
        for (var d = 0; d < time.Length; d++)
            if (DriverCubeLayout.DayOf(time[d]) != month.FirstDay.AddDays(d))
                throw new InvalidInputException(nc.Path, "time", $"step {d} is {DriverCubeLayout.DayOf(time[d]):yyyy-MM-dd}, expected {month.FirstDay.AddDays(d):yyyy-MM-dd}");
        foreach (var feature in _features)
        {
            if (!nc.HasVariable(feature.Name))
                throw new InvalidInputException(nc.Path, feature.Name, "the feature is missing");
            var units = nc.GetVariable(feature.Name).Attributes.GetText("units");
            if (units != feature.Units)
                throw new InvalidInputException(nc.Path, feature.Name, $"units '{units}', expected '{feature.Units}'");
        }
    }

    private static void FillToNaN(float[] values)
    {
        for (var i = 0; i < values.Length; i++)
            if (values[i] == DriverCubeLayout.FillValue)
                values[i] = float.NaN;
    }
}
