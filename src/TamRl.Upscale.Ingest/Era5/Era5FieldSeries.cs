using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Grib;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.Ingest.Era5;

/// <summary>
/// One ERA5 quantity across every file that holds it (any layout, any number of files), as one time
/// series of canonical-grid maps. Each file is decoded on its own (its own packing) before the series
/// are joined. Refused with an error naming the file and variable: wrong units, files on different grids,
/// times repeated or going back within a file or between files, a step other than 1 h or 24 h, two GRIB
/// messages of the variable at one valid time (ensemble members).
/// <para>
/// Accumulations of an <c>era5-land</c> set are running totals since 00 UTC; <see cref="Read"/> hands back
/// the hour's own accumulation (<see cref="RunningTotals"/>), so the daily sums treat every layout alike.
/// </para>
/// </summary>
public sealed class Era5FieldSeries
{
    private readonly List<StoredStep> _steps;

    /// <summary>One stored step: where it is and whether it is a running total (ERA5-Land accumulation).</summary>
    private readonly record struct StoredStep(DateTime Time, GridStepDecoder Decoder, long Index, bool RunningTotal);

    private Era5FieldSeries(Era5Quantity quantity, RegularLatLonGrid grid, List<StoredStep> steps, TimeSpan step)
    {
        Quantity = quantity;
        Grid = grid;
        _steps = steps;
        Step = step;
        _index = new Dictionary<DateTime, int>(steps.Count);
        for (var i = 0; i < steps.Count; i++)
            _index[steps[i].Time] = i;
    }

    private readonly Dictionary<DateTime, int> _index;

    public Era5Quantity Quantity { get; }

    /// <summary>The canonical grid of the source files.</summary>
    public RegularLatLonGrid Grid { get; }

    /// <summary>The time step: one hour (hourly data) or one day (daily aggregates).</summary>
    public TimeSpan Step { get; }

    public bool IsHourly => Step == TimeSpan.FromHours(1);

    public IReadOnlyList<DateTime> Times => _steps.Select(s => s.Time).ToArray();

    /// <summary>The files the series reads, in time order.</summary>
    public IReadOnlyList<string> Files => _steps.Select(s => s.Decoder.FilePath).Distinct().ToArray();

    /// <summary>Whether a step at <paramref name="time"/> (UTC) exists.</summary>
    public bool Has(DateTime time) => _index.ContainsKey(time);

    /// <summary>The file holding the step at <paramref name="time"/>, or null.</summary>
    public string? FileAt(DateTime time) => _index.TryGetValue(time, out var i) ? _steps[i].Decoder.FilePath : null;

    /// <summary>The decoder and index of the step at <paramref name="time"/>, or false.</summary>
    internal bool TryLocate(DateTime time, out GridStepDecoder decoder, out long index)
    {
        if (_index.TryGetValue(time, out var i) && !_steps[i].RunningTotal) // a running total is not the hour's value
        {
            (_, decoder, index, _) = _steps[i];
            return true;
        }
        decoder = null!;
        index = -1;
        return false;
    }

    /// <summary>Decodes the map at <paramref name="time"/> (UTC) into <paramref name="destination"/>.</summary>
    public void Read(DateTime time, Span<float> destination)
    {
        if (!_index.TryGetValue(time, out var i))
            throw new InvalidInputException(string.Join(", ", Files.Take(3)), Quantity.ShortName, $"no step at {time:yyyy-MM-dd HH:mm} UTC");
        var (_, decoder, index, runningTotal) = _steps[i];
        decoder.Read(index, destination);
        if (runningTotal)
            RunningTotals.Deaccumulate(this, time, destination);
    }

    /// <summary>The step at <paramref name="time"/> as stored (a running total stays one), or false when there is none.</summary>
    internal bool TryReadStored(DateTime time, Span<float> destination)
    {
        if (!_index.TryGetValue(time, out var i))
            return false;
        _steps[i].Decoder.Read(_steps[i].Index, destination);
        return true;
    }

    /// <summary>
    /// Finds <paramref name="quantity"/> in the sets' datasets and joins them. A quantity no file holds throws
    /// naming the files searched and the name looked for.
    /// </summary>
    public static Era5FieldSeries Open(Era5Quantity quantity, IReadOnlyList<Era5InputSet> sets)
    {
        var steps = new List<StoredStep>();
        RegularLatLonGrid? grid = null;
        string? gridFile = null;
        var searched = new List<string>();
        foreach (var set in sets)
        {
            var name = set.NameOf(quantity);
            foreach (var dataset in set.Datasets)
            {
                searched.Add($"{dataset.Path} ({name})");
                if (!dataset.Variables.Any(v => v.Name == name))
                    continue;
                if (Era5InputSet.Engine(dataset) is GribDataset grib)
                {
                    RequireOneMessagePerTime(grib, dataset.Path, name);
                    if (set.Layout == Era5Layout.Grib && quantity.Kind == Era5TimeKind.Accumulated)
                        RequireHourlyAccumulations(grib, dataset.Path, name);
                }
                var info = dataset.GetVariable(name);
                CheckUnits(dataset, info, quantity);
                var coordinates = CfCoordinateFinder.FindRequired(dataset, name);
                var mapping = CfGridNormaliser.Normalise(dataset, coordinates);
                if (grid is null)
                {
                    grid = mapping.Grid;
                    gridFile = dataset.Path;
                }
                else if (!grid.SameCells(mapping.Grid))
                    throw new InvalidInputException(dataset.Path, name,
                        $"its grid ({Describe(mapping.Grid)}) differs from that of {gridFile} ({Describe(grid)})");
                var axis = CfTimeCoder.Decode(dataset, coordinates.Time!.CoordinateVariable);
                var decoder = new GridStepDecoder(dataset, name, coordinates, mapping);
                var runningTotal = set.Layout == Era5Layout.Era5Land && quantity.Kind == Era5TimeKind.Accumulated;
                for (var t = 0; t < axis.Times.Count; t++)
                {
                    DateTime time;
                    try { time = DateTime.SpecifyKind(axis.Times[t].ToDateTime(), DateTimeKind.Utc); }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArgumentOutOfRangeException)
                    {
                        throw new InvalidInputException(dataset.Path, coordinates.Time.CoordinateVariable,
                            $"time {axis.Times[t]} in calendar {axis.Calendar} is not a standard-calendar date", e);
                    }
                    steps.Add(new StoredStep(time, decoder, t, runningTotal));
                }
            }
        }
        if (steps.Count == 0)
            throw new InvalidInputException(searched.Count > 0 ? string.Join("; ", searched.Take(4)) : "(no ERA5 input)", quantity.ShortName,
                $"no ERA5 input file holds this variable{Holdings(sets)}");

        steps.Sort((a, b) => a.Time.CompareTo(b.Time));
        for (var i = 1; i < steps.Count; i++)
            if (steps[i].Time == steps[i - 1].Time)
                throw new InvalidInputException(steps[i].Decoder.FilePath, steps[i].Decoder.Variable,
                    $"time {steps[i].Time:yyyy-MM-dd HH:mm} UTC appears twice: also in {steps[i - 1].Decoder.FilePath}");
        var step = InferStep(steps);
        return new Era5FieldSeries(quantity, grid!, steps, step);
    }

    private static TimeSpan InferStep(List<StoredStep> steps)
    {
        if (steps.Count == 1)
            return TimeSpan.FromDays(1);
        // The smallest spacing is the step; larger ones are gaps (checked as missing days by the caller).
        var smallest = TimeSpan.MaxValue;
        var at = 0;
        for (var i = 1; i < steps.Count; i++)
        {
            var d = steps[i].Time - steps[i - 1].Time;
            if (d < smallest)
            {
                smallest = d;
                at = i;
            }
        }
        if (smallest != TimeSpan.FromHours(1) && smallest != TimeSpan.FromDays(1))
            throw new InvalidInputException(steps[at].Decoder.FilePath, steps[at].Decoder.Variable,
                $"steps {smallest.TotalHours} h apart (at {steps[at].Time:yyyy-MM-dd HH:mm}); expected hourly or daily data");
        for (var i = 1; i < steps.Count; i++)
        {
            var d = steps[i].Time - steps[i - 1].Time;
            if (d.Ticks % smallest.Ticks != 0)
                throw new InvalidInputException(steps[i].Decoder.FilePath, steps[i].Decoder.Variable,
                    $"time {steps[i].Time:yyyy-MM-dd HH:mm} is off the {smallest.TotalHours} h step of the series");
        }
        return smallest;
    }

    /// <summary>A GRIB variable is one series only with one message per valid time; errors name the input (a zip member as archive!member).</summary>
    private static void RequireOneMessagePerTime(GribDataset grib, string path, string name)
    {
        if (!grib.Variables.Any(v => v.Name == name))
            return;
        try
        {
            grib.RequireOneMessagePerTime(name);
        }
        catch (InvalidInputException e) when (path != grib.Path)
        {
            throw new InvalidInputException(path, name, e.Detail, e);
        }
    }

    /// <summary>
    /// The grib layout reads ERA5's accumulations, each over the hour ending at its valid time; a message whose
    /// header says it accumulates over another window (ERA5-Land's running totals, a forecast's 0-12 h) is refused.
    /// </summary>
    private static void RequireHourlyAccumulations(GribDataset grib, string path, string name)
    {
        if (!grib.Variables.Any(v => v.Name == name))
            return;
        foreach (var m in grib.MessagesOf(name))
            if (m.AccumulationHours is { } hours && Math.Abs(hours - 1) > 1e-9)
                throw new InvalidInputException(path, name,
                    $"message {m.Band} (valid {m.ValidTime:yyyy-MM-dd HH:mm} UTC) accumulates over {hours} h, not the hour ending at its valid time; " +
                    "running totals since 00 UTC (ERA5-Land) go in layout era5-land");
    }

    /// <summary>"; the files hold a, b (... pressure-level ...)": what was there instead, so a wrong download is recognised.</summary>
    private static string Holdings(IReadOnlyList<Era5InputSet> sets)
    {
        var names = sets.SelectMany(s => s.Datasets).SelectMany(d => d.Variables.Where(v => v.Rank >= 3).Select(v => v.Name)).Distinct().Take(12).ToArray();
        if (names.Length == 0)
            return "";
        var pressure = names.Any(n => n.EndsWith("-ISBL", StringComparison.Ordinal));
        return $"; the files hold {string.Join(", ", names)}" +
               (pressure ? " (name@level-ISBL: pressure-level messages, which ERA5 ingest does not read: request single levels)" : "");
    }

    private static void CheckUnits(IArrayDataset dataset, ArrayVariableInfo info, Era5Quantity quantity)
    {
        var units = info.Attributes.GetText("units");
        if (units is null)
            throw new InvalidInputException(dataset.Path, info.Name, $"no units attribute; expected '{string.Join("' or '", quantity.Units)}'");
        if (!quantity.Units.Contains(Era5Units.Normalise(units)))
            throw new InvalidInputException(dataset.Path, info.Name, $"units '{units}', expected '{string.Join("' or '", quantity.Units)}'");
    }

    private static string Describe(RegularLatLonGrid g) => $"{g.Rows} x {g.Columns}, {g.LatitudeResolution}°, origin ({g.West}, {g.North})";
}
