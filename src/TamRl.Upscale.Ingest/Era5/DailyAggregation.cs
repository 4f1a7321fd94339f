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

    private static void RequireStep(Era5FieldSeries series, DateTime time, DateOnly day)
    {
        if (!series.Has(time))
            throw new InvalidInputException(string.Join(", ", series.Files.Take(3)), series.Quantity.ShortName,
                $"no step at {time:yyyy-MM-dd HH:mm} UTC, needed for {day:yyyy-MM-dd}");
    }
}
