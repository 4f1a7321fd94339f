using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.Ingest.Era5;

/// <summary>
/// One ERA5 quantity across every file that holds it (any layout, any number of files), as one time
/// series of canonical-grid maps. Each file is decoded on its own (its own packing) before the series
/// are joined. Refused with an error naming the file and variable: wrong units, files on different grids,
/// times repeated or going back within a file or between files, a step other than 1 h or 24 h.
/// </summary>
public sealed class Era5FieldSeries
{
    private readonly List<(DateTime Time, GridStepDecoder Decoder, long Index)> _steps;

    private Era5FieldSeries(Era5Quantity quantity, RegularLatLonGrid grid, List<(DateTime, GridStepDecoder, long)> steps, TimeSpan step)
    {
        Quantity = quantity;
        Grid = grid;
        _steps = steps;
        Step = step;
        _index = new Dictionary<DateTime, int>(steps.Count);
        for (var i = 0; i < steps.Count; i++)
            _index[steps[i].Item1] = i;
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
        if (_index.TryGetValue(time, out var i))
        {
            (_, decoder, index) = _steps[i];
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
        var (_, decoder, index) = _steps[i];
        decoder.Read(index, destination);
    }

    /// <summary>
    /// Finds <paramref name="quantity"/> in the sets' datasets and joins them. A quantity no file holds throws
    /// naming the files searched and the name looked for.
    /// </summary>
    public static Era5FieldSeries Open(Era5Quantity quantity, IReadOnlyList<Era5InputSet> sets)
    {
        var steps = new List<(DateTime Time, GridStepDecoder Decoder, long Index)>();
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
                var info = dataset.GetVariable(name);
                CheckUnits(dataset, info, quantity);
                var coordinates = CfCoordinateFinder.FindRequired(dataset, name);
                var mapping = CfGridNormaliser.Normalise(dataset, coordinates);
                if (grid is null)
                {
                    grid = mapping.Grid;
                    gridFile = dataset.Path;
                }
                else if (!SameGrid(grid, mapping.Grid))
                    throw new InvalidInputException(dataset.Path, name,
                        $"its grid ({Describe(mapping.Grid)}) differs from that of {gridFile} ({Describe(grid)})");
                var axis = CfTimeCoder.Decode(dataset, coordinates.Time!.CoordinateVariable);
                var decoder = new GridStepDecoder(dataset, name, coordinates, mapping);
                for (var t = 0; t < axis.Times.Count; t++)
                {
                    DateTime time;
                    try { time = DateTime.SpecifyKind(axis.Times[t].ToDateTime(), DateTimeKind.Utc); }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArgumentOutOfRangeException)
                    {
                        throw new InvalidInputException(dataset.Path, coordinates.Time.CoordinateVariable,
                            $"time {axis.Times[t]} in calendar {axis.Calendar} is not a standard-calendar date", e);
                    }
                    steps.Add((time, decoder, t));
                }
            }
        }
        if (steps.Count == 0)
            throw new InvalidInputException(searched.Count > 0 ? string.Join("; ", searched.Take(4)) : "(no ERA5 input)", quantity.ShortName,
                "no ERA5 input file holds this variable");

        steps.Sort((a, b) => a.Time.CompareTo(b.Time));
        for (var i = 1; i < steps.Count; i++)
            if (steps[i].Time == steps[i - 1].Time)
                throw new InvalidInputException(steps[i].Decoder.FilePath, steps[i].Decoder.Variable,
                    $"time {steps[i].Time:yyyy-MM-dd HH:mm} UTC appears twice: also in {steps[i - 1].Decoder.FilePath}");
        var step = InferStep(steps);
        return new Era5FieldSeries(quantity, grid!, steps, step);
    }

    private static TimeSpan InferStep(List<(DateTime Time, GridStepDecoder Decoder, long Index)> steps)
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

    private static void CheckUnits(IArrayDataset dataset, ArrayVariableInfo info, Era5Quantity quantity)
    {
        var units = info.Attributes.GetText("units");
        if (units is null)
            throw new InvalidInputException(dataset.Path, info.Name, $"no units attribute; expected '{string.Join("' or '", quantity.Units)}'");
        if (!quantity.Units.Contains(Era5Units.Normalise(units)))
            throw new InvalidInputException(dataset.Path, info.Name, $"units '{units}', expected '{string.Join("' or '", quantity.Units)}'");
    }

    private static bool SameGrid(RegularLatLonGrid a, RegularLatLonGrid b) =>
        a.Rows == b.Rows && a.Columns == b.Columns && Math.Abs(a.West - b.West) < 1e-6 && Math.Abs(a.North - b.North) < 1e-6 &&
        Math.Abs(a.LatitudeResolution - b.LatitudeResolution) < 1e-9 && Math.Abs(a.LongitudeResolution - b.LongitudeResolution) < 1e-9;

    private static string Describe(RegularLatLonGrid g) => $"{g.Rows} x {g.Columns}, {g.LatitudeResolution}°, origin ({g.West}, {g.North})";
}
