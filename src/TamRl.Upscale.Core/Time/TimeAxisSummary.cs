using System.Globalization;

namespace TamRl.Upscale.Core.Time;

/// <summary>
/// What a log line or a dataset summary says about a time axis: first, last, count and step.
/// The step is <see cref="RegularStep"/> when every interval is equal; a monthly axis (same day and
/// time each month, one month apart) is recognised as "1 month" even though its intervals differ.
/// </summary>
public sealed record TimeAxisSummary(
    CalendarDateTime First,
    CalendarDateTime Last,
    int Count,
    TimeSpan? RegularStep,
    bool IsMonthly,
    string StepDescription)
{
    /// <summary>Summarises a non-empty, increasing axis (the caller checks the order).</summary>
    public static TimeAxisSummary Of(IReadOnlyList<CalendarDateTime> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Count == 0)
            throw new ArgumentException("A time axis summary needs at least one time.", nameof(times));
        var first = times[0];
        var last = times[^1];
        if (times.Count == 1)
            return new TimeAxisSummary(first, last, 1, null, false, "single time");

        var min = TimeSpan.MaxValue;
        var max = TimeSpan.MinValue;
        for (var i = 1; i < times.Count; i++)
        {
            var step = times[i] - times[i - 1];
            if (step < min) min = step;
            if (step > max) max = step;
        }
        if (min == max)
            return new TimeAxisSummary(first, last, times.Count, min, false, FormatDuration(min));
        if (IsMonthlyAxis(times))
            return new TimeAxisSummary(first, last, times.Count, null, true, "1 month");
        return new TimeAxisSummary(first, last, times.Count, null, false,
            $"irregular, {FormatDuration(min)} to {FormatDuration(max)}");
    }

    /// <summary>A duration in the largest whole unit that divides it: "1 day", "6 hours", "90 seconds", "0.5 seconds".</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        var ticks = duration.Ticks;
        foreach (var (unitTicks, name) in new[]
                 {
                     (TimeSpan.TicksPerDay, "day"), (TimeSpan.TicksPerHour, "hour"),
                     (TimeSpan.TicksPerMinute, "minute"), (TimeSpan.TicksPerSecond, "second"),
                 })
        {
            if (ticks % unitTicks == 0)
            {
                var n = ticks / unitTicks;
                return string.Create(CultureInfo.InvariantCulture, $"{n} {name}{(Math.Abs(n) == 1 ? "" : "s")}");
            }
        }
        return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds} seconds");
    }

    private static bool IsMonthlyAxis(IReadOnlyList<CalendarDateTime> times)
    {
        for (var i = 1; i < times.Count; i++)
        {
            var (a, b) = (times[i - 1], times[i]);
            var monthsApart = (b.Year - a.Year) * 12 + b.Month - a.Month;
            if (monthsApart != 1 || a.Day != b.Day || a.TimeOfDayTicks != b.TimeOfDayTicks)
                return false;
        }
        return true;
    }
}
