using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Ingest.Era5;

/// <summary>
/// Checks, before anything is computed or written, that a series holds every step the period's days
/// need; a gap (a month missing in the middle of a run of monthly files, a missing hour) is reported as
/// the span of days it leaves without data, naming the variable and the files around it.
/// </summary>
public static class Era5Coverage
{
    public static void Require(Era5FieldSeries series, DateOnly first, DateOnly last)
    {
        DateOnly? gapStart = null;
        for (var day = first; day <= last.AddDays(1); day = day.AddDays(1))
        {
            var complete = day <= last && IsComplete(series, day);
            if (!complete && day <= last)
            {
                gapStart ??= day;
                continue;
            }
            if (gapStart is { } start)
            {
                var end = day.AddDays(-1);
                var startTime = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                var before = series.Times.LastOrDefault(t => t < startTime);
                var after = series.Times.FirstOrDefault(t => t > end.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc));
                var around = $"{(before == default ? "nothing" : $"{before:yyyy-MM-dd HH:mm} in {series.FileAt(before)}")} before, " +
                             $"{(after == default ? "nothing" : $"{after:yyyy-MM-dd HH:mm} in {series.FileAt(after)}")} after";
                var months = start.Day == 1 && end == new DateOnly(end.Year, end.Month, 1).AddMonths(1).AddDays(-1)
                    ? $" (month{(start.Month == end.Month && start.Year == end.Year ? "" : "s")} {start:yyyy-MM}{(start.Month == end.Month && start.Year == end.Year ? "" : $"..{end:yyyy-MM}")} missing)"
                    : "";
                throw new InvalidInputException(string.Join(", ", series.Files.Take(3)) + (series.Files.Count > 3 ? ", ..." : ""), series.Quantity.ShortName,
                    $"no data for {start:yyyy-MM-dd}..{end:yyyy-MM-dd}{months}: {around}");
            }
        }
    }

    private static bool IsComplete(Era5FieldSeries series, DateOnly day)
    {
        var steps = HourEndingDay.Steps(day, series.Quantity.Kind, series.IsHourly);
        for (var i = 0; i < steps.Count; i++)
        {
            if (series.Has(steps[i]))
                continue;
            // The last hour-ending step may lie beyond the end of the data (see DailyAggregation.Accumulated).
            var lastAccumulation = series.Quantity.Kind == Era5TimeKind.Accumulated && series.IsHourly && i == steps.Count - 1 &&
                                   steps[i] > series.Times[^1] && series.Has(steps[i].AddHours(-1));
            if (!lastAccumulation)
                return false;
        }
        return true;
    }
}
