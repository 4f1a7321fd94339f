using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Products.Scoring;

/// <summary>
/// The sample world's truth (docs/data-contracts.md §1, <c>W/truth/truth_YYYY.nc</c>: daily gpp, reco, nee,
/// g m-2 d-1, daily time), read a day at a time onto the canonical grid whatever the file's latitude order or
/// longitude convention. Decoded with IO/Cf: the axes found by their CF attributes, time by the CF time decoder,
/// missing values by each variable's mask attributes.
/// </summary>
public sealed class TruthGrids : IDisposable
{
    private readonly string _folder;
    private readonly RegularLatLonGrid _grid;
    private readonly Dictionary<int, (NetCdfFile File, CfGridMapping Mapping, DateOnly First, int Steps, string Time)> _years = new();
    private readonly Dictionary<(int Year, string Variable), CfMaskCoder> _masks = new();

    public TruthGrids(string folder, RegularLatLonGrid grid)
    {
        _folder = folder;
        _grid = grid;
    }

    /// <summary>One variable's map for one day, canonical order, NaN where the truth holds no value.</summary>
    public float[] ReadDay(string variable, DateOnly date)
    {
        var (file, mapping, first, steps, time) = Year(date.Year);
        if (!file.HasVariable(variable))
            throw new InvalidInputException(file.Path, variable, "the truth has no such variable (expected gpp, reco, nee)");
        var step = date.DayNumber - first.DayNumber;
        if (step < 0 || step >= steps)
            throw new InvalidInputException(file.Path, time, $"no step for {date:yyyy-MM-dd}");
        var raw = file.Read<float>(variable, [step, 0, 0], [1, _grid.Rows, _grid.Columns]);
        if (!_masks.TryGetValue((date.Year, variable), out var mask))
            _masks[(date.Year, variable)] = mask = CfMaskCoder.FromVariable(file.GetVariable(variable), file.Path);
        var map = new float[raw.Length];
        for (var r = 0; r < _grid.Rows; r++)
            for (var c = 0; c < _grid.Columns; c++)
            {
                var v = raw[mapping.SourceRow(r) * _grid.Columns + mapping.SourceColumn(c)];
                map[r * _grid.Columns + c] = mask.IsMasked(v) ? float.NaN : v;
            }
        return map;
    }

    private (NetCdfFile, CfGridMapping, DateOnly, int, string) Year(int year)
    {
        if (_years.TryGetValue(year, out var open))
            return open;
        var path = Path.Combine(_folder, $"truth_{year:D4}.nc");
        if (!File.Exists(path))
            throw new DataFileException(path, null, $"no truth for {year}");
        var file = NetCdfFile.Open(path);
        try
        {
            // The axes as CF identifies them (units, standard_name, axis), not by name; time through the CF time decoder.
            var coordinates = CfCoordinateFinder.FindRequired(file, "gpp");
            coordinates.RequireLatitudeLongitudeLast();
            var (lat, lon) = (coordinates.Latitude!.CoordinateVariable, coordinates.Longitude!.CoordinateVariable);
            var mapping = CfGridNormaliser.Normalise(file.ReadDoubles(lat), file.ReadDoubles(lon), path, lat, lon);
            var g = mapping.Grid;
            if (g.Rows != _grid.Rows || g.Columns != _grid.Columns || Math.Abs(g.West - _grid.West) > 1e-6 || Math.Abs(g.North - _grid.North) > 1e-6)
                throw new InvalidInputException(path, lat, $"the truth's grid ({g.Rows}x{g.Columns} from {g.West}, {g.North}) differs from the products' ({_grid.Rows}x{_grid.Columns} from {_grid.West}, {_grid.North})");
            // The time axis is the coordinate whose units decode as CF time (or axis "T"), whatever its name; its length is the steps.
            var time = coordinates.Time!.CoordinateVariable;
            var times = CfTimeCoder.Decode(file, time).Times;
            var start = times[0];
            var first = new DateOnly(start.Year, start.Month, start.Day);
            var entry = (file, mapping, first, times.Count, time);
            _years[year] = entry;
            return entry;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var (file, _, _, _, _) in _years.Values)
            file.Dispose();
    }
}
