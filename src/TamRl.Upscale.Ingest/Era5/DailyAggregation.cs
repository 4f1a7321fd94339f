using System.Numerics;
using System.Runtime.InteropServices;
using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Ingest.Era5;

/// <summary>
/// Hourly to daily for one quantity: mean, minimum and maximum of instantaneous values, sum of hourly
/// accumulations by ERA5's hour-ending rule (<see cref="HourEndingDay"/>). A cell missing in any hour of
/// the day is missing for the day. Daily series pass through (their one step is the day's value).
/// </summary>
public static class DailyAggregation
{
    /// <summary>
    /// Mean (and, when given, min and max) of the instantaneous steps of <paramref name="day"/>, each
    /// array Rows x Columns of the series' grid. Throws naming the variable when a step is missing.
    /// </summary>
    public static void Instant(Era5FieldSeries series, DateOnly day, Span<float> mean, Span<float> min = default, Span<float> max = default)
    {
        var steps = HourEndingDay.Steps(day, Era5TimeKind.Instant, series.IsHourly);
        foreach (var time in steps)
            RequireStep(series, time, day);
        var located = steps.Select(t => series.TryLocate(t, out var d, out var i) ? (Decoder: d, Index: i) : default).ToArray();
        if (located.All(l => ReferenceEquals(l.Decoder, located[0].Decoder)))
        {
            SameFileInstant(located[0].Decoder, located.Select(l => l.Index).ToArray(), mean, min, max);
            return;
        }
        var cells = series.Grid.Rows * series.Grid.Columns;
        var sum = new double[cells];
        var map = new float[cells];
        var withMin = !min.IsEmpty;
        var withMax = !max.IsEmpty;
        if (withMin) min.Fill(float.PositiveInfinity);
        if (withMax) max.Fill(float.NegativeInfinity);
        foreach (var time in steps)
        {
            RequireStep(series, time, day);
            series.Read(time, map);
            for (var i = 0; i < cells; i++)
            {
                var v = map[i];
                sum[i] += v;
                if (withMin && !(v >= min[i])) min[i] = v; // NaN propagates: !(NaN >= x) is true
                if (withMax && !(v <= max[i])) max[i] = v;
            }
        }
        var n = steps.Count;
        for (var i = 0; i < cells; i++)
            mean[i] = (float)(sum[i] / n);
    }

    /// <summary>
    /// The sum of the hourly accumulations of <paramref name="day"/> (hour-ending rule), or a daily series'
    /// value. When the step stamped 00 UTC of the next day is missing because the series ends at
    /// 23 UTC of <paramref name="day"/>, the 23 available hours are scaled by 24/23 (the period's last day
    /// of a month-by-month download); any other missing step throws.
    /// </summary>
    public static void Accumulated(Era5FieldSeries series, DateOnly day, Span<float> total)
    {
        var steps = HourEndingDay.Steps(day, Era5TimeKind.Accumulated, series.IsHourly);
        var cells = series.Grid.Rows * series.Grid.Columns;
        var sum = new double[cells];
        var map = new float[cells];
        var used = 0;
        foreach (var time in steps)
        {
            if (!series.Has(time) && series.IsHourly && time == steps[^1] && time > series.Times[^1] && series.Has(time.AddHours(-1)))
                continue;
            RequireStep(series, time, day);
            series.Read(time, map);
            for (var i = 0; i < cells; i++)
                sum[i] += map[i];
            used++;
        }
        var scale = (double)steps.Count / used;
        for (var i = 0; i < cells; i++)
            total[i] = (float)(sum[i] * scale);
    }

    /// <summary>
    /// The common case, every step of the day in one file: steps are decoded in the stored order while the
    /// next one is read on another thread (netCDF-C decompresses while this thread adds), sums are vectorised,
    /// and only the day's results are reordered onto the canonical grid.
    /// </summary>
    private static void SameFileInstant(GridStepDecoder decoder, long[] indices, Span<float> mean, Span<float> min, Span<float> max)
    {
        var cells = mean.Length;
        var sum = new double[cells];
        var withMin = !min.IsEmpty;
        var withMax = !max.IsEmpty;
        var lo = withMin ? new float[cells] : null;
        var hi = withMax ? new float[cells] : null;
        if (lo is not null) Array.Fill(lo, float.PositiveInfinity);
        if (hi is not null) Array.Fill(hi, float.NegativeInfinity);
        float[][] buffers = [new float[decoder.StoredLength], new float[decoder.StoredLength]];
        var pending = Task.Run(() => { decoder.ReadStored(indices[0], buffers[0]); });
        for (var k = 0; k < indices.Length; k++)
        {
            pending.GetAwaiter().GetResult();
            var current = buffers[k % 2];
            if (k + 1 < indices.Length)
            {
                var next = k + 1;
                pending = Task.Run(() => { decoder.ReadStored(indices[next], buffers[next % 2]); });
            }
            var values = current.AsSpan(0, cells);
            AddWidened(values, sum);
            if (lo is not null || hi is not null)
                for (var i = 0; i < cells; i++)
                {
                    var v = values[i];
                    if (lo is not null && !(v >= lo[i])) lo[i] = v; // NaN propagates
                    if (hi is not null && !(v <= hi[i])) hi[i] = v;
                }
        }
        var stored = new float[cells];
        for (var i = 0; i < cells; i++)
            stored[i] = (float)(sum[i] / indices.Length);
        decoder.Reorder<float>(stored, mean);
        if (lo is not null) decoder.Reorder<float>(lo, min);
        if (hi is not null) decoder.Reorder<float>(hi, max);
    }

    /// <summary>sum[i] += values[i] in double precision, a vector of floats widened to two of doubles at a time.</summary>
    internal static void AddWidened(ReadOnlySpan<float> values, Span<double> sum)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var floats = MemoryMarshal.Cast<float, Vector<float>>(values);
            var doubles = MemoryMarshal.Cast<double, Vector<double>>(sum);
            for (var k = 0; k < floats.Length && 2 * k + 1 < doubles.Length; k++)
            {
                Vector.Widen(floats[k], out var low, out var high);
                doubles[2 * k] += low;
                doubles[2 * k + 1] += high;
                i = (k + 1) * Vector<float>.Count;
            }
        }
        for (; i < values.Length; i++)
            sum[i] += values[i];
    }

    private static void RequireStep(Era5FieldSeries series, DateTime time, DateOnly day)
    {
        if (!series.Has(time))
            throw new InvalidInputException(string.Join(", ", series.Files.Take(3)), series.Quantity.ShortName,
                $"no step at {time:yyyy-MM-dd HH:mm} UTC, needed for {day:yyyy-MM-dd}");
    }
}
