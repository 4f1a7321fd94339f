namespace TamRl.Upscale.Core.Time;

/// <summary>The fixed-length units a CF time coordinate may count in ("UNIT since DATE").</summary>
public enum CfTimeUnit
{
    Days,
    Hours,
    Minutes,
    Seconds,
    Milliseconds,
    Microseconds,
}

/// <summary>Names and lengths of <see cref="CfTimeUnit"/>.</summary>
public static class CfTimeUnitNames
{
    private static readonly Dictionary<string, CfTimeUnit> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["days"] = CfTimeUnit.Days, ["day"] = CfTimeUnit.Days, ["d"] = CfTimeUnit.Days,
        ["hours"] = CfTimeUnit.Hours, ["hour"] = CfTimeUnit.Hours, ["hrs"] = CfTimeUnit.Hours, ["hr"] = CfTimeUnit.Hours, ["h"] = CfTimeUnit.Hours,
        ["minutes"] = CfTimeUnit.Minutes, ["minute"] = CfTimeUnit.Minutes, ["mins"] = CfTimeUnit.Minutes, ["min"] = CfTimeUnit.Minutes,
        ["seconds"] = CfTimeUnit.Seconds, ["second"] = CfTimeUnit.Seconds, ["secs"] = CfTimeUnit.Seconds, ["sec"] = CfTimeUnit.Seconds, ["s"] = CfTimeUnit.Seconds,
        ["milliseconds"] = CfTimeUnit.Milliseconds, ["millisecond"] = CfTimeUnit.Milliseconds, ["msec"] = CfTimeUnit.Milliseconds, ["ms"] = CfTimeUnit.Milliseconds,
        ["microseconds"] = CfTimeUnit.Microseconds, ["microsecond"] = CfTimeUnit.Microseconds, ["usec"] = CfTimeUnit.Microseconds, ["us"] = CfTimeUnit.Microseconds,
    };

    /// <summary>
    /// Units UDUNITS knows but that have no fixed length in a calendar (a UDUNITS month is 1/12 of a
    /// tropical year, 30.436851 days, not a calendar month), so CF advises against them and this code refuses them.
    /// </summary>
    private static readonly HashSet<string> Ambiguous = new(StringComparer.OrdinalIgnoreCase)
    {
        "months", "month", "mon", "years", "year", "yr", "yrs", "a", "common_years", "common_year",
    };

    public static bool TryParse(string name, out CfTimeUnit unit) => ByName.TryGetValue(name, out unit);

    public static bool IsAmbiguousCalendarUnit(string name) => Ambiguous.Contains(name);

    /// <summary>The length of one unit in 100 ns ticks.</summary>
    public static long Ticks(this CfTimeUnit unit) => unit switch
    {
        CfTimeUnit.Days => TimeSpan.TicksPerDay,
        CfTimeUnit.Hours => TimeSpan.TicksPerHour,
        CfTimeUnit.Minutes => TimeSpan.TicksPerMinute,
        CfTimeUnit.Seconds => TimeSpan.TicksPerSecond,
        CfTimeUnit.Milliseconds => TimeSpan.TicksPerMillisecond,
        CfTimeUnit.Microseconds => TimeSpan.TicksPerMicrosecond,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };

    /// <summary>The plural lower-case name written to output files ("days").</summary>
    public static string ToCfName(this CfTimeUnit unit) => unit.ToString().ToLowerInvariant();
}
