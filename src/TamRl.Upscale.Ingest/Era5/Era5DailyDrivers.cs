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

    /// <summary>The driver-cube features ERA5 provides, in catalogue order.</summary>
    public static readonly IReadOnlyList<string> Features = ["ta", "ta_min", "ta_max", "vpd", "sw_in", "precip", "swc"];

    private readonly Era5FieldSeries? _t2m, _d2m, _ssrd, _tp, _swvl1;
    private readonly IReadOnlyList<string> _features;

    /// <param name="features">The features to compute (default all of <see cref="Features"/>); a series a feature needs may not be null.</param>
    public Era5DailyDrivers(Era5FieldSeries? t2m, Era5FieldSeries? d2m, Era5FieldSeries? ssrd, Era5FieldSeries? tp, Era5FieldSeries? swvl1,
        IReadOnlyList<string>? features = null)
    {
        _features = features ?? Features;
        foreach (var f in _features)
            if (!Features.Contains(f))
                throw new ArgumentException($"'{f}' is not an ERA5 feature; ERA5 provides {string.Join(", ", Features)}", nameof(features));
        (_t2m, _d2m, _ssrd, _tp, _swvl1) = (t2m, d2m, ssrd, tp, swvl1);
        foreach (var q in QuantitiesFor(_features))
            if (SeriesOf(q) is null)
                throw new ArgumentException($"{q.ShortName} is needed for {string.Join(", ", _features)}", nameof(features));
        if (t2m is not null && d2m is not null && (t2m.Grid != d2m.Grid || t2m.Step != d2m.Step))
            throw new InvalidInputException(d2m.Files[0], "d2m", "d2m must be on t2m's grid and time step (VPD is computed from the pair)");
    }

    /// <summary>Opens the series the features need (default: all ERA5 features) from the input sets.</summary>
    public static Era5DailyDrivers Open(IReadOnlyList<Era5InputSet> sets, IReadOnlyList<string>? features = null)
    {
        features ??= Features;
        var needed = QuantitiesFor(features);
        Era5FieldSeries? Series(Era5Quantity q) => needed.Contains(q) ? Era5FieldSeries.Open(q, sets) : null;
        return new(Series(Era5Quantity.T2m), Series(Era5Quantity.D2m), Series(Era5Quantity.Ssrd), Series(Era5Quantity.Tp), Series(Era5Quantity.Swvl1), features);
    }

    /// <summary>The ERA5 quantities a set of features derives from: temperatures from t2m, VPD from t2m and d2m, sw_in from ssrd, precip from tp, swc from swvl1.</summary>
    public static IReadOnlyList<Era5Quantity> QuantitiesFor(IEnumerable<string> features)
    {
        var set = features.ToHashSet();
        var result = new List<Era5Quantity>();
        if (set.Overlaps(["ta", "ta_min", "ta_max", "vpd"])) result.Add(Era5Quantity.T2m);
        if (set.Contains("vpd")) result.Add(Era5Quantity.D2m);
        if (set.Contains("sw_in")) result.Add(Era5Quantity.Ssrd);
        if (set.Contains("precip")) result.Add(Era5Quantity.Tp);
        if (set.Contains("swc")) result.Add(Era5Quantity.Swvl1);
        return result;
    }

    private Era5FieldSeries? SeriesOf(Era5Quantity q) =>
        q == Era5Quantity.T2m ? _t2m : q == Era5Quantity.D2m ? _d2m : q == Era5Quantity.Ssrd ? _ssrd : q == Era5Quantity.Tp ? _tp : _swvl1;

    /// <summary>The series opened (those the features need).</summary>
    public IReadOnlyList<Era5FieldSeries> Series => new[] { _t2m, _d2m, _ssrd, _tp, _swvl1 }.OfType<Era5FieldSeries>().ToArray();

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

    /// <summary>The day's maps of the features asked for, each on its source grid.</summary>
    public IReadOnlyList<SourceMap> Compute(DateOnly day)
    {
        var maps = new List<SourceMap>();
        if (_t2m is { } t2m)
        {
            var tCells = t2m.Grid.Rows * t2m.Grid.Columns;
            float[] ta = new float[tCells], taMin = new float[tCells], taMax = new float[tCells];
            var vpd = _d2m is null ? null : new float[tCells];
            TemperatureAndVpd(day, ta, taMin, taMax, vpd);
            maps.AddRange([new("ta", t2m.Grid, ta), new("ta_min", t2m.Grid, taMin), new("ta_max", t2m.Grid, taMax)]);
            if (vpd is not null)
                maps.Add(new("vpd", t2m.Grid, vpd));
        }
        if (_ssrd is { } ssrd)
        {
            var sw = new float[ssrd.Grid.Rows * ssrd.Grid.Columns];
            DailyAggregation.Accumulated(ssrd, day, sw);
            for (var i = 0; i < sw.Length; i++)
                sw[i] = (float)(sw[i] / SecondsPerDay);
            maps.Add(new("sw_in", ssrd.Grid, sw));
        }
        if (_tp is { } tp)
        {
            var precip = new float[tp.Grid.Rows * tp.Grid.Columns];
            DailyAggregation.Accumulated(tp, day, precip);
            for (var i = 0; i < precip.Length; i++)
                precip[i] = Math.Max(0f, precip[i] * 1000f); // ERA5's spectral packing leaves tiny negative totals
            maps.Add(new("precip", tp.Grid, precip));
        }
        if (_swvl1 is { } swvl1)
        {
            var swc = new float[swvl1.Grid.Rows * swvl1.Grid.Columns];
            DailyAggregation.Instant(swvl1, day, swc);
            maps.Add(new("swc", swvl1.Grid, swc));
        }
        return maps.Where(m => _features.Contains(m.Feature)).ToArray();
    }

    /// <summary>
    /// ta, ta_min, ta_max and (when <paramref name="vpd"/> is given) VPD of a day in one pass over the hourly t2m and
    /// d2m maps. The maps are combined in their stored order when every step shares one (the usual case) and the
    /// results reordered once; otherwise each map is reordered onto the canonical grid first.
    /// </summary>
    private void TemperatureAndVpd(DateOnly day, float[] ta, float[] taMin, float[] taMax, float[]? vpd)
    {
        var t2m = _t2m!;
        var d2m = vpd is null ? null : _d2m!;
        var cells = ta.Length;
        var steps = HourEndingDay.Steps(day, Era5TimeKind.Instant, t2m.IsHourly);
        var located = new List<(GridStepDecoder T, long Ti, GridStepDecoder? D, long Di)>();
        foreach (var time in steps)
        {
            if (!t2m.TryLocate(time, out var td, out var ti))
                throw new InvalidInputException(string.Join(", ", t2m.Files.Take(3)), "t2m", $"no step at {time:yyyy-MM-dd HH:mm} UTC, needed for {day:yyyy-MM-dd}");
            GridStepDecoder? dd = null;
            long di = 0;
            if (d2m is not null && !d2m.TryLocate(time, out dd, out di))
                throw new InvalidInputException(string.Join(", ", d2m.Files.Take(3)), "d2m", $"no step at {time:yyyy-MM-dd HH:mm} UTC, needed for {day:yyyy-MM-dd}");
            located.Add((td, ti, dd, di));
        }
        var first = located[0].T;
        var stored = located.All(l => l.T.SameStoredOrder(first) && (l.D is null || l.D.SameStoredOrder(first)));
        var sumT = new double[cells];
        var sumVpd = new double[cells];
        var lo = new float[cells];
        var hi = new float[cells];
        Array.Fill(lo, float.PositiveInfinity);
        Array.Fill(hi, float.NegativeInfinity);
        var tBuffer = new float[Math.Max(cells, first.StoredLength)];
        var dBuffer = new float[Math.Max(cells, located[0].D?.StoredLength ?? 0)];
        foreach (var (td, ti, dd, di) in located)
        {
            Span<float> t, d = default;
            if (stored)
            {
                t = td.ReadStored(ti, tBuffer.AsSpan(0, td.StoredLength));
                if (dd is not null)
                    d = dd.ReadStored(di, dBuffer.AsSpan(0, dd.StoredLength));
            }
            else
            {
                t = tBuffer.AsSpan(0, cells);
                td.Read(ti, t);
                if (dd is not null)
                {
                    d = dBuffer.AsSpan(0, cells);
                    dd.Read(di, d);
                }
            }
            for (var i = 0; i < cells; i++)
            {
                var tc = t[i] - ZeroCelsius;
                sumT[i] += tc;
                if (!(tc >= lo[i])) lo[i] = (float)tc; // NaN propagates
                if (!(tc <= hi[i])) hi[i] = (float)tc;
                if (dd is not null)
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
            if (vpd is not null)
                first.Reorder<float>(meanVpd, vpd);
            first.Reorder<float>(lo, taMin);
            first.Reorder<float>(hi, taMax);
        }
        else
        {
            meanT.CopyTo(ta);
            if (vpd is not null)
                meanVpd.CopyTo(vpd);
            lo.CopyTo(taMin);
            hi.CopyTo(taMax);
        }
    }
}
