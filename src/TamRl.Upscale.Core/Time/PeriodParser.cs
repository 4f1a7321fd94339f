using System.Globalization;
using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Core.Time;

/// <summary>
/// The one reader of periods and months as users and files write them (standard calendar): a month "YYYY-MM"
/// (<c>sample-data --start</c>, the driver cube's <c>drivers_YYYY-MM.nc</c>), months "YYYY-MM[..YYYY-MM]" (a rerun's
/// period) and periods of days "YYYY", "YYYY-MM" or "YYYY-MM-DD..YYYY-MM-DD" (the products' period, <c>infer --period</c>).
/// Each returns first and last day, both included; errors name the field.
/// </summary>
public static class PeriodParser
{
    private const string Day = "yyyy-MM-dd";

    /// <summary>Reads "YYYY-MM" (exactly: four digits, a dash, a month 01..12) as the month's first day.</summary>
    public static bool TryParseMonth(string text, out DateOnly first)
    {
        first = default;
        if (text.Length != 7 || text[4] != '-' || !IsDigits(text.AsSpan(0, 4)) || !IsDigits(text.AsSpan(5, 2)))
            return false;
        return DateOnly.TryParseExact(text + "-01", Day, CultureInfo.InvariantCulture, DateTimeStyles.None, out first);
    }

    /// <summary>"YYYY-MM" as the month's first day.</summary>
    /// <exception cref="InvalidValueException">Not a month (naming <paramref name="field"/>).</exception>
    public static DateOnly ParseMonth(string text, string field) =>
        TryParseMonth(text, out var first) ? first : throw new InvalidValueException(field, $"expected a month as YYYY-MM, got '{text}'");

    /// <summary>"YYYY-MM" or "YYYY-MM..YYYY-MM" (inclusive): the first month's first day and the last month's last day.</summary>
    /// <exception cref="InvalidValueException">Not months, or the range ends before it starts (naming <paramref name="field"/>).</exception>
    public static (DateOnly First, DateOnly Last) ParseMonths(string text, string field)
    {
        var parts = text.Split("..");
        DateOnly from = default, to = default;
        if (parts.Length > 2 || !TryParseMonth(parts[0], out from) || !TryParseMonth(parts[^1], out to))
            throw new InvalidValueException(field, $"expected YYYY-MM or YYYY-MM..YYYY-MM, got '{text}'");
        if (to < from)
            throw new InvalidValueException(field, $"the period ends ({parts[^1]}) before it starts ({parts[0]})");
        return (from, LastDayOfMonth(to));
    }

    /// <summary>"YYYY" (a year), "YYYY-MM" (a month) or "YYYY-MM-DD..YYYY-MM-DD" (days, inclusive).</summary>
    /// <exception cref="InvalidValueException">None of these, or the range ends before it starts (naming <paramref name="field"/>).</exception>
    public static (DateOnly First, DateOnly Last) Parse(string text, string field)
    {
        var t = text.Trim();
        var parts = t.Split("..");
        if (parts.Length == 2
            && DateOnly.TryParseExact(parts[0], Day, CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            && DateOnly.TryParseExact(parts[1], Day, CultureInfo.InvariantCulture, DateTimeStyles.None, out var last))
        {
            if (last < first)
                throw new InvalidValueException(field, $"the period ends ({parts[1]}) before it starts ({parts[0]})");
            return (first, last);
        }
        if (t.Length == 4 && IsDigits(t) && int.Parse(t, CultureInfo.InvariantCulture) >= 1)
        {
            var year = int.Parse(t, CultureInfo.InvariantCulture);
            return (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        }
        if (TryParseMonth(t, out var month))
            return (month, LastDayOfMonth(month));
        throw new InvalidValueException(field, $"expected YYYY, YYYY-MM or YYYY-MM-DD..YYYY-MM-DD, got '{text}'");
    }

    private static DateOnly LastDayOfMonth(DateOnly day) => new(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (c is < '0' or > '9')
                return false;
        return true;
    }
}
