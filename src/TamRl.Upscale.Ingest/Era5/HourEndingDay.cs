namespace TamRl.Upscale.Ingest.Era5;

/// <summary>
/// Which steps of a series make up one day (UTC). Instantaneous hourly values: the 24 steps stamped
/// 00..23 of the day. Hourly accumulations: ERA5 stamps an accumulation at the end of its hour, so the
/// day's 24 hours are the steps stamped 01..23 of the day and 00 of the next day (the step stamped 00 of
/// the day itself belongs to the previous day). Daily series: the one step stamped 00 of the day.
/// </summary>
public static class HourEndingDay
{
    public static IReadOnlyList<DateTime> Steps(DateOnly day, Era5TimeKind kind, bool hourly)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (!hourly)
            return [midnight];
        var first = kind == Era5TimeKind.Accumulated ? 1 : 0;
        return Enumerable.Range(first, 24).Select(h => midnight.AddHours(h)).ToArray();
    }
}
