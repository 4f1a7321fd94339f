namespace TamRl.Upscale.Jobs.Orchestration;

/// <summary>Which month a monthly regeneration covers.</summary>
public static class MonthlyPeriod
{
    /// <summary>The latest month that has ended at <paramref name="now"/> (local time of the schedule), as YYYY-MM.</summary>
    public static string LatestComplete(DateTimeOffset now)
    {
        var previous = new DateTime(now.Year, now.Month, 1).AddMonths(-1);
        return $"{previous.Year:D4}-{previous.Month:D2}";
    }
}
