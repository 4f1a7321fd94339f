using System.Text.Json;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.DriverCube;

/// <summary>
/// The driver cube folder written by ingest (docs/data-contracts.md §2), read through the Ingest project's
/// <see cref="DriverCubeReader"/>; adds what inference needs on top: a named error for a month the period
/// needs and the cube lacks, and the input checksums from the cube's manifest.json for provenance. Holds
/// nothing of the grid: static fields are read a window at a time (<see cref="ReadStatic"/>).
/// <para>
/// Each <see cref="ReadSeries"/> opens the month files afresh and closes them after, unless a chunk keeps them
/// open for its life (<see cref="KeepOpen"/>): files kept open across all chunks of a run would hold HDF5
/// metadata (and, read with caches, chunk caches) for every month that grow with the grid. Not thread-safe:
/// one cube per thread.
/// </para>
/// </summary>
public sealed class NetCdfDriverCube : IDriverCube
{
    private readonly string _directory;
    private readonly IReadOnlyList<CubeMonth> _months;

    private NetCdfDriverCube(DriverCubeReader reader, IReadOnlyDictionary<string, string> checksums)
    {
        _directory = reader.Directory;
        _months = reader.Months;
        Grid = reader.Grid;
        Features = reader.Features;
        // Inputs inside the run's output folder are named relative to it: provenance must not depend on where
        // the folder happens to be (the same inputs and seed give the same product bytes anywhere).
        var outRoot = Path.GetDirectoryName(Path.GetFullPath(reader.Directory).TrimEnd('/')) ?? "";
        InputChecksums = checksums.ToDictionary(
            kv => Path.IsPathRooted(kv.Key) && kv.Key.StartsWith(outRoot + "/", StringComparison.Ordinal) ? Path.GetRelativePath(outRoot, kv.Key) : kv.Key,
            kv => kv.Value, StringComparer.Ordinal);
    }

    private NetCdfDriverCube(NetCdfDriverCube cube, IReadOnlyList<string> features)
    {
        _directory = cube._directory;
        _months = cube._months;
        Grid = cube.Grid;
        InputChecksums = cube.InputChecksums;
        Features = features.ToArray();
    }

    /// <summary>
    /// The same cube reading only <paramref name="features"/>, in that order: a model's view of a cube that holds more
    /// (a real cube may carry twenty-odd MODIS layers) reads and holds only what the model uses.
    /// </summary>
    public NetCdfDriverCube Select(IReadOnlyList<string> features)
    {
        foreach (var f in features)
            if (!Features.Contains(f))
                throw new InvalidInputException(_directory, f, $"the driver cube holds no feature '{f}'; it holds {string.Join(", ", Features)}");
        return new NetCdfDriverCube(this, features);
    }

    public string Location => _directory;

    public RegularLatLonGrid Grid { get; }

    public IReadOnlyList<string> Features { get; }

    public IReadOnlyDictionary<string, string> InputChecksums { get; }

    /// <summary>Opens the cube in <paramref name="folder"/> (the ingest stage's OUT/drivers).</summary>
    public static NetCdfDriverCube Open(string folder)
    {
        using var reader = DriverCubeReader.Open(folder);
        return new NetCdfDriverCube(reader, ReadChecksums(reader.Directory));
    }

    /// <summary>Reads the window from static.nc (opened for the call: a chunk reads its window once).</summary>
    public StaticWindow ReadStatic(GridBlock window)
    {
        using var reader = DriverCubeReader.Open(_directory);
        var fields = reader.ReadStatic(window.Row0, window.Rows, window.Column0, window.Columns);
        return StaticWindow.Of(window, fields.LandFraction, fields.Igbp, fields.Koppen);
    }

    public float[] ReadSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, int days)
    {
        var values = new float[checked((long)pixels.Count * days * Features.Count)];
        ReadSeries(pixels, first, days, values);
        return values;
    }

    public void ReadSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, int days, Span<float> destination)
    {
        var last = first.AddDays(days - 1);
        foreach (var month in CubeMonth.Span(first, last))
            if (!_months.Contains(month))
                throw new InvalidInputException(Path.Combine(Location, DriverCubeLayout.MonthFileName(month)), null,
                    $"the driver cube has no file for {month}, which the period {first:yyyy-MM-dd}..{last:yyyy-MM-dd} needs (the cube holds {_months[0]}..{_months[^1]})");
        if (_kept is { } kept && kept.Period.First <= first && last <= kept.Period.Last)
        {
            kept.Reader.ReadPixelSeries(pixels, first, last, Features, destination);
            return;
        }
        using var reader = DriverCubeReader.Open(_directory);
        reader.ReadPixelSeries(pixels, first, last, Features, destination);
    }

    /// <summary>
    /// Keeps one reader for reads within <paramref name="period"/> until the handle is disposed: it checks each
    /// month file once (grid, days, features) instead of once per read, and keeps the two most recent month
    /// files open. Keeping all of a year's twelve open would be faster still but costs HDF5's metadata per file
    /// (+30 MiB at 0.5 degree, measured), which grows with the grid; bench/RESULTS.md, session 5.
    /// </summary>
    public IDisposable KeepOpen(DatePeriod period)
    {
        if (_kept is not null)
            throw new InvalidOperationException($"the driver cube {Location} already keeps files open for {_kept.Period}");
        _kept = new KeptReader(this, period, DriverCubeReader.Open(_directory));
        return _kept;
    }

    private KeptReader? _kept;

    private sealed class KeptReader(NetCdfDriverCube cube, DatePeriod period, DriverCubeReader reader) : IDisposable
    {
        public DatePeriod Period => period;

        public DriverCubeReader Reader => reader;

        public void Dispose()
        {
            if (cube._kept == this)
                cube._kept = null;
            reader.Dispose();
        }
    }

    /// <summary>The input files and sha256 that ingest recorded in manifest.json (its typed reader), when present.</summary>
    private static IReadOnlyDictionary<string, string> ReadChecksums(string folder) =>
        DriverCubeManifest.Load(Path.Combine(folder, DriverCubeLayout.ManifestFileName))?.FileChecksums()
        ?? new SortedDictionary<string, string>(StringComparer.Ordinal);

    public void Dispose() => _kept?.Dispose();
}
