using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.Files;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Ingest.DriverCube;

/// <summary>
/// Writes one month of the driver cube, drivers_YYYY-MM.nc: each of the cube's features (a selection of
/// <see cref="DriverFeatures.CubeCatalogue"/>, in the given order) as float32 (time, lat, lon), chunked as <see cref="DriverCubeLayout"/> says. Days are given one map at a
/// time, in any order, feature by feature or interleaved.
/// <para>
/// The file is written under a hidden temporary name beside <c>path</c> and renamed into place by
/// <see cref="Complete"/>, which first checks that every day of every feature was written. Disposing
/// without completing deletes the temporary file: a failed month leaves nothing a reader could find.
/// </para>
/// <para>
/// NaN means "no value": written as the fill value. With a land mask, NaN over land is refused (the cube is
/// NaN-free over land by contract) and ocean cells are written as fill whatever their value.
/// </para>
/// </summary>
public sealed class DriverMonthWriter : IDisposable
{
    private readonly RegularLatLonGrid _grid;
    private readonly bool[]? _landMask;
    private readonly string _temporary;
    private readonly NetCdfFile _nc;
    private readonly IReadOnlyList<DriverFeature> _features;
    private readonly NetCdfStepWriter<float>?[] _writers;
    private readonly bool[,] _written;
    private readonly float[] _scratch;
    private bool _completed;
    private bool _disposed;

    private DriverMonthWriter(string path, RegularLatLonGrid grid, CubeMonth month, bool[]? landMask, string temporary, NetCdfFile nc,
        IReadOnlyList<DriverFeature> features)
    {
        _features = features;
        Path = path;
        Month = month;
        _grid = grid;
        _landMask = landMask;
        _temporary = temporary;
        _nc = nc;
        _writers = new NetCdfStepWriter<float>?[features.Count];
        _written = new bool[features.Count, month.Days];
        _scratch = new float[grid.Rows * grid.Columns];
    }

    /// <summary>The final path of the month file.</summary>
    public string Path { get; }

    public CubeMonth Month { get; }

    /// <summary>Starts a month file; nothing appears at <paramref name="path"/> until <see cref="Complete"/>.</summary>
    /// <param name="landMask">Optional, row-major: true where the cell is land and must hold a value.</param>
    /// <param name="features">The cube's features, in file order; default <see cref="DriverFeatures.All"/>.</param>
    public static DriverMonthWriter Create(string path, RegularLatLonGrid grid, CubeMonth month, bool[]? landMask = null, string? source = null,
        IReadOnlyList<DriverFeature>? features = null)
    {
        features ??= DriverFeatures.All;
        if (features.Count == 0)
            throw new ArgumentException("a month file needs at least one feature", nameof(features));
        foreach (var f in features)
            if (DriverFeatures.FindCubeFeature(f.Name) != f)
                throw new ArgumentException($"'{f.Name}' is not a driver-cube feature of the catalogue (or differs from its entry)", nameof(features));
        var cells = grid.Rows * grid.Columns;
        if (landMask is not null && landMask.Length != cells)
            throw new ArgumentException($"the land mask holds {landMask.Length} cells, the grid {cells}", nameof(landMask));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var temporary = AtomicFile.TempBeside(path);
        NetCdfFile? nc = null;
        try
        {
            nc = NetCdfFile.Create(temporary);
            CfGlobalAttributes.Write(nc, $"TamRl.Upscale driver cube: daily drivers {month}", source);
            nc.AddDimension(DriverCubeLayout.TimeDimension, month.Days);
            CfGridVariables.Define(nc, grid);
            nc.AddVariable("time", NcType.Double, ["time"]);
            nc.SetAttribute("time", "units", DriverCubeLayout.TimeUnits);
            nc.SetAttribute("time", "calendar", DriverCubeLayout.Calendar);
            nc.SetAttribute("time", "standard_name", "time");
            nc.SetAttribute("time", "axis", "T");
            nc.SetAttribute("time", "bounds", "time_bnds");
            nc.AddVariable("time_bnds", NcType.Double, ["time", "nv"]);

            var chunks = DriverCubeLayout.FeatureChunks(grid, month.Days);
            foreach (var feature in features)
            {
                nc.AddVariable(feature.Name, NcType.Float, ["time", "lat", "lon"], new NcVariableOptions
                {
                    DeflateLevel = DriverCubeLayout.DeflateLevel,
                    Shuffle = true,
                    ChunkSizes = chunks,
                    FillValue = AttributeValue.Of(DriverCubeLayout.FillValue),
                });
                nc.SetAttribute(feature.Name, "units", feature.Units);
                nc.SetAttribute(feature.Name, "long_name", feature.LongName);
                if (FeatureAttributes.StandardName(feature) is { } standardName)
                    nc.SetAttribute(feature.Name, "standard_name", standardName);
                nc.SetAttribute(feature.Name, "cell_methods", FeatureAttributes.CellMethods(feature));
                nc.SetAttribute(feature.Name, "grid_mapping", CfGridVariables.CrsVariable);
            }

            CfGridVariables.Write(nc, grid);
            var time = new double[month.Days];
            var bounds = new double[month.Days * 2];
            for (var d = 0; d < month.Days; d++)
            {
                time[d] = DriverCubeLayout.DayNumber(month.FirstDay.AddDays(d));
                bounds[2 * d] = time[d];
                bounds[2 * d + 1] = time[d] + 1;
            }
            nc.Write<double>("time", time);
            nc.Write<double>("time_bnds", bounds);
            return new DriverMonthWriter(path, grid, month, landMask, temporary, nc, features);
        }
        catch
        {
            nc?.Dispose();
            AtomicFile.Discard(temporary);
            throw;
        }
    }

    /// <summary>Writes one feature's map of one day, row-major (rows north to south), NaN for no value.</summary>
    public void WriteDay(string feature, DateOnly day, ReadOnlySpan<float> map)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
            throw new InvalidOperationException($"{Path}: the month is already complete");
        var f = IndexOf(feature);
        if (CubeMonth.Of(day) != Month)
            throw new ArgumentOutOfRangeException(nameof(day), $"{day:yyyy-MM-dd} is not in {Month}");
        if (map.Length != _scratch.Length)
            throw new ArgumentException($"a map of {map.Length} cells for a grid of {_scratch.Length}", nameof(map));
        for (var i = 0; i < map.Length; i++)
        {
            var v = map[i];
            if (_landMask is not null)
            {
                if (!_landMask[i])
                    v = float.NaN;
                else if (float.IsNaN(v))
                    throw new InvalidInputException(Path, feature,
                        $"no value over land on {day:yyyy-MM-dd} at row {i / _grid.Columns}, column {i % _grid.Columns} " +
                        $"(lat {_grid.LatitudeOfRow(i / _grid.Columns)}, lon {_grid.LongitudeOfColumn(i % _grid.Columns)})");
            }
            _scratch[i] = float.IsNaN(v) ? DriverCubeLayout.FillValue : v;
        }
        var writer = _writers[f] ??= _nc.StepWriter<float>(feature);
        writer.Write(day.Day - 1, _scratch);
        _written[f, day.Day - 1] = true;
    }

    /// <summary>Checks that every day of every feature was written, closes the file and renames it into place.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var f = 0; f < _features.Count; f++)
            for (var d = 0; d < Month.Days; d++)
                if (!_written[f, d])
                    throw new InvalidOperationException($"{Path}: feature '{_features[f].Name}' has no map for {Month.FirstDay.AddDays(d):yyyy-MM-dd}");
        foreach (var writer in _writers)
            writer?.Dispose(); // writes the last rows and frees each writer's row of chunks now, not at a GC
        _nc.Dispose();
        AtomicFile.MoveIntoPlace(_temporary, Path);
        _completed = true;
        _disposed = true;
    }

    private int IndexOf(string feature)
    {
        for (var i = 0; i < _features.Count; i++)
            if (_features[i].Name == feature)
                return i;
        throw new ArgumentException($"{Path}: the month file holds no feature '{feature}'; it holds {string.Join(", ", _features.Select(f => f.Name))}", nameof(feature));
    }

    /// <summary>Without <see cref="Complete"/>: abandons the month and deletes its temporary file.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var writer in _writers)
            try { writer?.Dispose(); } // their rows of chunks; the file is abandoned anyway
            catch (DataFileException) { }
        // A close that fails (on a full disk, DiskFullException, a sibling of NetCdfException) must not keep the
        // temporary file on the disk it filled.
        try { _nc.Dispose(); }
        catch (DataFileException) { }
        AtomicFile.Discard(_temporary);
    }
}
