using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Ingest.Regridding;
using TamRl.Upscale.IO;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.Ingest.Modis;

/// <summary>
/// MODIS 8-day composites (CMG-like NetCDF on a geographic grid: ndvi, evi, lst_day int16 with scale and
/// fill, a QA bit field) turned into daily ndvi, evi and lst maps on the target grid. Each composite is
/// decoded (CF mask then scale), QA-masked, put on the canonical grid and regridded once; days are then
/// interpolated per cell (<see cref="DailyInterpolation"/>) from the composites within
/// <see cref="WindowDays"/> days of the month, so a month depends only on those composites' files.
/// </summary>
public sealed class ModisDailyDrivers
{
    /// <summary>How far around a month composites are used (two composite lengths plus slack for cloudy runs).</summary>
    public const int WindowDays = 48;

    public static readonly string[] Features = ["ndvi", "evi", "lst"];

    private readonly List<(string Path, ModisInputConfig Config, DateOnly Start, int Days, int Index)> _composites = new();
    private readonly Dictionary<(string, int), ModisComposite> _loaded = new();
    private readonly RegularLatLonGrid _target;

    public ModisDailyDrivers(IReadOnlyList<(ModisInputConfig Config, IReadOnlyList<string> Paths)> sets, RegularLatLonGrid target)
    {
        _target = target;
        foreach (var (config, paths) in sets)
            foreach (var path in paths)
            {
                using var dataset = DatasetFormats.OpenArrays(path);
                var name = NameOf(config, "ndvi");
                var coordinates = CfCoordinateFinder.FindRequired(dataset, name);
                GridCoverage.Require(CfGridNormaliser.Normalise(dataset, coordinates).Grid, target, path, name);
                var axis = CfTimeCoder.Decode(dataset, coordinates.Time!.CoordinateVariable);
                for (var k = 0; k < axis.Times.Count; k++)
                {
                    var t = axis.Times[k];
                    var start = new DateOnly(t.Year, t.Month, t.Day);
                    // MODIS windows restart on 1 January: the year's last window is 5 or 6 days long.
                    var days = Math.Min(config.CompositeDays, new DateOnly(start.Year + 1, 1, 1).DayNumber - start.DayNumber);
                    _composites.Add((path, config, start, days, k));
                }
            }
        _composites.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var i = 1; i < _composites.Count; i++)
            if (_composites[i].Start == _composites[i - 1].Start)
                throw new InvalidInputException(_composites[i].Path, "time",
                    $"the composite of {_composites[i].Start:yyyy-MM-dd} appears twice: also in {_composites[i - 1].Path}");
    }

    /// <summary>The files whose composites a month uses.</summary>
    public IEnumerable<string> FilesFor(DateOnly first, DateOnly last) =>
        InWindow(first, last).Select(c => c.Path).Distinct();

    /// <summary>
    /// Throws naming the files when the composites leave part of the period uncovered: nothing within a
    /// composite length of its start or end, or a gap of more than two composite lengths between
    /// consecutive composites (a missing file or month).
    /// </summary>
    public void RequireCoverage(DateOnly first, DateOnly last)
    {
        var window = InWindow(first, last).ToArray();
        var files = string.Join(", ", _composites.Select(c => c.Path).Distinct().Take(3));
        if (window.Length == 0)
            throw new InvalidInputException(files, "time", $"no MODIS composite within {WindowDays} days of {first:yyyy-MM-dd}..{last:yyyy-MM-dd}");
        var length = window[0].Config.CompositeDays;
        if (window[0].Start > first.AddDays(length))
            throw new InvalidInputException(window[0].Path, "time", $"the first composite starts {window[0].Start:yyyy-MM-dd}, after the period's start {first:yyyy-MM-dd}");
        if (window[^1].Start.AddDays(window[^1].Days) < last.AddDays(-length))
            throw new InvalidInputException(window[^1].Path, "time", $"the last composite ends {window[^1].Start.AddDays(window[^1].Days - 1):yyyy-MM-dd}, before the period's end {last:yyyy-MM-dd}");
        for (var i = 1; i < window.Length; i++)
            if (window[i].Start.DayNumber - window[i - 1].Start.DayNumber > 2 * window[i - 1].Config.CompositeDays)
                throw new InvalidInputException(window[i].Path, "time",
                    $"no composite between {window[i - 1].Start:yyyy-MM-dd} (in {window[i - 1].Path}) and {window[i].Start:yyyy-MM-dd}: missing composites or a missing month");
    }

    /// <summary>Daily maps of one feature for the days <paramref name="first"/>..<paramref name="last"/>, NaN where no composite had a value.</summary>
    public float[][] Daily(string feature, DateOnly first, DateOnly last)
    {
        // Composites only earlier months needed are dropped: memory stays at one window of composites.
        foreach (var key in _loaded.Where(p => p.Value.Start.AddDays(p.Value.Days) < first.AddDays(-WindowDays)).Select(p => p.Key).ToArray())
            _loaded.Remove(key);
        var composites = InWindow(first, last).Select(Load).ToArray();
        var centres = composites.Select(c => c.Centre).ToArray();
        var days = last.DayNumber - first.DayNumber + 1;
        var cells = _target.Rows * _target.Columns;
        var result = new float[days][];
        for (var d = 0; d < days; d++)
            result[d] = new float[cells];
        var values = new float[composites.Length];
        var series = new float[days];
        var maps = composites.Select(c => c.Feature(feature)).ToArray();
        for (var i = 0; i < cells; i++)
        {
            for (var k = 0; k < maps.Length; k++)
                values[k] = maps[k][i];
            DailyInterpolation.Interpolate(centres, values, first.DayNumber, series);
            for (var d = 0; d < days; d++)
                result[d][i] = series[d];
        }
        return result;
    }

    private IEnumerable<(string Path, ModisInputConfig Config, DateOnly Start, int Days, int Index)> InWindow(DateOnly first, DateOnly last) =>
        _composites.Where(c => c.Start.AddDays(c.Days) >= first.AddDays(-WindowDays) && c.Start <= last.AddDays(WindowDays));

    private ModisComposite Load((string Path, ModisInputConfig Config, DateOnly Start, int Days, int Index) c)
    {
        if (_loaded.TryGetValue((c.Path, c.Index), out var cached))
            return cached;
        using var dataset = DatasetFormats.OpenArrays(c.Path);
        var qaName = NameOf(c.Config, "qa");
        var ndviName = NameOf(c.Config, "ndvi");
        var coordinates = CfCoordinateFinder.FindRequired(dataset, ndviName);
        coordinates.RequireLatitudeLongitudeLast();
        var mapping = CfGridNormaliser.Normalise(dataset, coordinates);
        var regridder = Regridders.Create(mapping.Grid, _target);
        var info = dataset.GetVariable(ndviName);
        var start = new long[info.Rank];
        var count = info.Shape.ToArray();
        start[0] = c.Index;
        count[0] = 1;
        var qa = dataset.Variables.Any(v => v.Name == qaName) ? dataset.ReadDoubles(qaName, start, count)
            : throw new InvalidInputException(dataset.Path, qaName, "the QA variable is missing");

        float[] Read(string feature, string[] units, double offset)
        {
            var name = NameOf(c.Config, feature);
            if (!dataset.Variables.Any(v => v.Name == name))
                throw new InvalidInputException(dataset.Path, name, $"the MODIS variable for {feature} is missing");
            var unitsText = dataset.GetVariable(name).Attributes.GetText("units") ?? "";
            if (!units.Contains(unitsText))
                throw new InvalidInputException(dataset.Path, name, $"units '{unitsText}', expected '{string.Join("' or '", units.Where(u => u.Length > 0))}'");
            var decoded = CfVariableDecoder.Read(dataset, name, start, count).Values;
            for (var i = 0; i < decoded.Length; i++)
                decoded[i] = ModisQa.IsRejected(qa[i], c.Config.QaRejectMask) ? double.NaN : decoded[i] + offset;
            var canonical = mapping.ToCanonical(decoded);
            var source = Array.ConvertAll(canonical, v => (float)v);
            var target = new float[_target.Rows * _target.Columns];
            regridder.Regrid(source, target);
            return target;
        }

        var composite = new ModisComposite(c.Path, c.Start, c.Days,
            Read("ndvi", ["1", ""], 0), Read("evi", ["1", ""], 0), Read("lst", ["K"], -273.15));
        _loaded[(c.Path, c.Index)] = composite;
        return composite;
    }

    private static string NameOf(ModisInputConfig config, string feature) =>
        config.Variables.TryGetValue(feature, out var name) ? name : feature switch
        {
            "lst" => "lst_day",
            _ => feature,
        };
}
