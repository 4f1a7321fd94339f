using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Ingest.Era5;

/// <summary>One daily driver map on its source grid.</summary>
public sealed record SourceMap(string Feature, RegularLatLonGrid Grid, float[] Values);

/// <summary>
/// The ERA5 driver features of one day on the source grids, in the cube's units:
/// ta, ta_min, ta_max (degC: K - 273.15), vpd (hPa, the daily mean of hourly VPD from t2m and d2m by
/// <see cref="VapourPressure"/>; from daily means when the input is daily), sw_in (W m-2: the day's J m-2
/// divided by 86400 s), precip (mm d-1: m x 1000) and swc (m3 m-3, daily mean).
/// <para>
/// Daily inputs carry no minimum or maximum: ta_min and ta_max are then the daily mean (docs/ingest.md).
/// </para>
/// </summary>
public sealed class Era5DailyDrivers
{
    public const double SecondsPerDay = 86400;
    public const double ZeroCelsius = 273.15;

    private readonly Era5FieldSeries _t2m, _d2m, _ssrd, _tp, _swvl1;

    public Era5DailyDrivers(Era5FieldSeries t2m, Era5FieldSeries d2m, Era5FieldSeries ssrd, Era5FieldSeries tp, Era5FieldSeries swvl1)
    {
        _t2m = t2m;
        _d2m = d2m;
        _ssrd = ssrd;
        _tp = tp;
        _swvl1 = swvl1;
        if (t2m.Grid != d2m.Grid || t2m.Step != d2m.Step)
            throw new InvalidInputException(d2m.Files[0], "d2m", "d2m must be on t2m's grid and time step (VPD is computed from the pair)");
    }

    public static Era5DailyDrivers Open(IReadOnlyList<Era5InputSet> sets) => new(
        Era5FieldSeries.Open(Era5Quantity.T2m, sets), Era5FieldSeries.Open(Era5Quantity.D2m, sets),
        Era5FieldSeries.Open(Era5Quantity.Ssrd, sets), Era5FieldSeries.Open(Era5Quantity.Tp, sets),
        Era5FieldSeries.Open(Era5Quantity.Swvl1, sets));

    public IReadOnlyList<Era5FieldSeries> Series => [_t2m, _d2m, _ssrd, _tp, _swvl1];

    /// <summary>Every file read, for the manifest.</summary>
    public IReadOnlyList<string> Files => Series.SelectMany(s => s.Files).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Throws naming the variable and the gap when any series lacks a step the period needs.</summary>
    public void RequireCoverage(DateOnly first, DateOnly last)
    {
        foreach (var series in Series)
            Era5Coverage.Require(series, first, last);
    }

    /// <summary>The files holding the steps a day needs (for the per-month manifest).</summary>
    public IEnumerable<string> FilesFor(DateOnly day) =>
        Series.SelectMany(s => HourEndingDay.Steps(day, s.Quantity.Kind, s.IsHourly).Select(s.FileAt)).OfType<string>().Distinct();

    public IReadOnlyList<SourceMap> Compute(DateOnly day)
    {
        var tGrid = _t2m.Grid;
        var tCells = tGrid.Rows * tGrid.Columns;
        var ta = new float[tCells];
        var taMin = new float[tCells];
        var taMax = new float[tCells];
        var vpd = new float[tCells];
        TemperatureAndVpd(day, ta, taMin, taMax, vpd);

        var sw = new float[_ssrd.Grid.Rows * _ssrd.Grid.Columns];
        DailyAggregation.Accumulated(_ssrd, day, sw);
        for (var i = 0; i < sw.Length; i++)
            sw[i] = (float)(sw[i] / SecondsPerDay);

        var precip = new float[_tp.Grid.Rows * _tp.Grid.Columns];
        DailyAggregation.Accumulated(_tp, day, precip);
        for (var i = 0; i < precip.Length; i++)
            precip[i] = Math.Max(0f, precip[i] * 1000f); // ERA5's spectral packing leaves tiny negative totals

        var swc = new float[_swvl1.Grid.Rows * _swvl1.Grid.Columns];
        DailyAggregation.Instant(_swvl1, day, swc);

        return
        [
            new("ta", tGrid, ta), new("ta_min", tGrid, taMin), new("ta_max", tGrid, taMax), new("vpd", tGrid, vpd),
            new("sw_in", _ssrd.Grid, sw), new("precip", _tp.Grid, precip), new("swc", _swvl1.Grid, swc),
        ];
    }

    /// <summary>
    /// ta, ta_min, ta_max and VPD of a day in one pass over the hourly t2m and d2m maps. The maps are combined
    /// in their stored order when every step shares one (the usual case) and the four results reordered once;
    /// otherwise each map is reordered onto the canonical grid first.
    /// </summary>
    private void TemperatureAndVpd(DateOnly day, float[] ta, float[] taMin, float[] taMax, float[] vpd)
    {
        var cells = ta.Length;
        var steps = HourEndingDay.Steps(day, Era5TimeKind.Instant, _t2m.IsHourly);
        var located = new List<(GridStepDecoder T, long Ti, GridStepDecoder D, long Di)>();
        foreach (var time in steps)
        {
            if (!_t2m.TryLocate(time, out var td, out var ti))
                throw new InvalidInputException(string.Join(", ", _t2m.Files.Take(3)), "t2m", $"no step at {time:yyyy-MM-dd HH:mm} UTC, needed for {day:yyyy-MM-dd}");
            if (!_d2m.TryLocate(time, out var dd, out var di))
                throw new InvalidInputException(string.Join(", ", _d2m.Files.Take(3)), "d2m", $"no step at {time:yyyy-MM-dd HH:mm} UTC, needed for {day:yyyy-MM-dd}");
            located.Add((td, ti, dd, di));
        }
        var first = located[0].T;
        var stored = located.All(l => l.T.SameStoredOrder(first) && l.D.SameStoredOrder(first));
        var sumT = new double[cells];
        var sumVpd = new double[cells];
        var lo = new float[cells];
        var hi = new float[cells];
        Array.Fill(lo, float.PositiveInfinity);
        Array.Fill(hi, float.NegativeInfinity);
        var tBuffer = new float[Math.Max(cells, first.StoredLength)];
        var dBuffer = new float[Math.Max(cells, located[0].D.StoredLength)];
        foreach (var (td, ti, dd, di) in located)
        {
            Span<float> t, d;
            if (stored)
            {
                t = td.ReadStored(ti, tBuffer.AsSpan(0, td.StoredLength));
                d = dd.ReadStored(di, dBuffer.AsSpan(0, dd.StoredLength));
            }
            else
            {
                t = tBuffer.AsSpan(0, cells);
                d = dBuffer.AsSpan(0, cells);
                td.Read(ti, t);
                dd.Read(di, d);
            }
            for (var i = 0; i < cells; i++)
            {
                var tc = t[i] - ZeroCelsius;
                sumT[i] += tc;
                if (!(tc >= lo[i])) lo[i] = (float)tc; // NaN propagates
                if (!(tc <= hi[i])) hi[i] = (float)tc;
                sumVpd[i] += VapourPressure.Deficit(tc, d[i] - ZeroCelsius);
            }
        }
        var meanT = new float[cells];
        var meanVpd = new float[cells];
        for (var i = 0; i < cells; i++)
        {
            meanT[i] = (float)(sumT[i] / steps.Count);
            meanVpd[i] = (float)(sumVpd[i] / steps.Count);
        }
        if (stored)
        {
            first.Reorder<float>(meanT, ta);
            first.Reorder<float>(meanVpd, vpd);
            first.Reorder<float>(lo, taMin);
            first.Reorder<float>(hi, taMax);
        }
        else
        {
            meanT.CopyTo(ta);
            meanVpd.CopyTo(vpd);
            lo.CopyTo(taMin);
            hi.CopyTo(taMax);
        }
    }
}
