using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.NetCdf;

namespace TamRl.Upscale.Products.Scoring;

/// <summary>
/// The sample world's truth (docs/data-contracts.md §1, <c>W/truth/truth_YYYY.nc</c>: daily gpp, reco, nee,
/// g m-2 d-1, "days since" time), read a day at a time onto the canonical grid whatever the file's
/// latitude order or longitude convention.
/// </summary>
public sealed class TruthGrids : IDisposable
{
    private readonly string _folder;
    private readonly RegularLatLonGrid _grid;
    private readonly Dictionary<int, (NetCdfFile File, CfGridMapping Mapping, DateOnly First)> _years = new();

    public TruthGrids(string folder, RegularLatLonGrid grid)
    {
        _folder = folder;
        _grid = grid;
    }

    /// <summary>One variable's map for one day, canonical order, NaN where the truth holds no value.</summary>
    public float[] ReadDay(string variable, DateOnly date)
    {
        var (file, mapping, first) = Year(date.Year);
        if (!file.HasVariable(variable))
            throw new InvalidInputException(file.Path, variable, "the truth has no such variable (expected gpp, reco, nee)");
        var step = date.DayNumber - first.DayNumber;
        if (step < 0 || step >= file.Dimensions["time"])
            throw new InvalidInputException(file.Path, "time", $"no step for {date:yyyy-MM-dd}");
        var raw = file.Read<float>(variable, [step, 0, 0], [1, _grid.Rows, _grid.Columns]);
        var fill = file.GetVariable(variable).Attributes.GetDoubles("_FillValue");
        var map = new float[raw.Length];
        for (var r = 0; r < _grid.Rows; r++)
            for (var c = 0; c < _grid.Columns; c++)
            {
                var v = raw[mapping.SourceRow(r) * _grid.Columns + mapping.SourceColumn(c)];
                map[r * _grid.Columns + c] = fill is { Length: > 0 } && v == (float)fill[0] ? float.NaN : v;
            }
        return map;
    }

    private (NetCdfFile, CfGridMapping, DateOnly) Year(int year)
    {
        if (_years.TryGetValue(year, out var open))
            return open;
        var path = Path.Combine(_folder, $"truth_{year:D4}.nc");
        if (!File.Exists(path))
            throw new DataFileException(path, null, $"no truth for {year}");
        var file = NetCdfFile.Open(path);
        try
        {
            var lat = file.HasVariable("lat") ? "lat" : "latitude";
            var lon = file.HasVariable("lon") ? "lon" : "longitude";
            var mapping = CfGridNormaliser.Normalise(file.ReadDoubles(lat), file.ReadDoubles(lon), path, lat, lon);
            var g = mapping.Grid;
            if (g.Rows != _grid.Rows || g.Columns != _grid.Columns || Math.Abs(g.West - _grid.West) > 1e-6 || Math.Abs(g.North - _grid.North) > 1e-6)
                throw new InvalidInputException(path, lat, $"the truth's grid ({g.Rows}x{g.Columns} from {g.West}, {g.North}) differs from the products' ({_grid.Rows}x{_grid.Columns} from {_grid.West}, {_grid.North})");
            var units = file.GetVariable("time").Attributes.GetText("units") ?? "";
            const string prefix = "days since ";
            if (!units.StartsWith(prefix, StringComparison.Ordinal))
                throw new InvalidInputException(path, "time", $"units '{units}': expected days since a date");
            var epoch = DateOnly.ParseExact(units[prefix.Length..].Trim()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var first = epoch.AddDays((int)Math.Floor(file.ReadDoubles("time", [0], [1])[0]));
            var entry = (file, mapping, first);
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
        foreach (var (file, _, _) in _years.Values)
            file.Dispose();
    }
}
