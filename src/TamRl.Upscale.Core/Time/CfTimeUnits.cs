using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Core.Time;

/// <summary>
/// Parsed CF time units, "UNIT since REFERENCE", in one calendar. Accepts the forms seen in
/// practice: <c>hours since 1900-01-01 00:00:00.0</c>, <c>days since 1970-01-01</c>,
/// <c>seconds since 1970-01-01T00:00:00Z</c>, <c>days since 2000-1-1 0:0:0</c>, with an optional zone
/// (<c>UTC</c>, <c>GMT</c>, <c>Z</c>, <c>+00:00</c>, <c>-0600</c>, <c>+5</c>; a non-zero offset is
/// converted to UTC). Not accepted: negative years, "months/years since" (no fixed length),
/// UDUNITS's other shift words ("after", "from", "@").
/// </summary>
public sealed partial class CfTimeUnits
{
    private CfTimeUnits(CfTimeUnit unit, CalendarDateTime referenceDate)
    {
        Unit = unit;
        ReferenceDate = referenceDate;
    }

    public CfTimeUnit Unit { get; }

    /// <summary>The epoch, in UTC, in the calendar the units were parsed for.</summary>
    public CalendarDateTime ReferenceDate { get; }

    public CfCalendar Calendar => ReferenceDate.Calendar;

    /// <summary>Whether text has the shape "WORD since ...", the CF mark of a time coordinate, whatever the word.</summary>
    public static bool LooksLikeTimeUnits(string? units) => units is not null && ShapeRegex().IsMatch(units);

    public static CfTimeUnits Create(CfTimeUnit unit, CalendarDateTime referenceDate) => new(unit, referenceDate);

    public static bool TryParse(string? units, CfCalendar calendar,
        [NotNullWhen(true)] out CfTimeUnits? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(units))
        {
            error = "time units are empty";
            return false;
        }
        var shape = ShapeRegex().Match(units);
        if (!shape.Success)
        {
            error = $"time units '{units}' are not of the form 'UNIT since DATE'";
            return false;
        }
        var unitName = shape.Groups["unit"].Value;
        if (CfTimeUnitNames.IsAmbiguousCalendarUnit(unitName))
        {
            error = $"time units '{units}' count in {unitName}, which CF advises against: a UDUNITS month or year is a fixed " +
                    "fraction of a tropical year, not a calendar month or year, so the dates would be ambiguous; " +
                    "use days, hours, minutes or seconds";
            return false;
        }
        if (!CfTimeUnitNames.TryParse(unitName, out var unit))
        {
            error = $"time units '{units}': unknown unit '{unitName}' (expected days, hours, minutes, seconds, milliseconds or microseconds)";
            return false;
        }
        var reference = ReferenceRegex().Match(shape.Groups["reference"].Value);
        if (!reference.Success)
        {
            error = $"time units '{units}': reference date '{shape.Groups["reference"].Value.Trim()}' is not 'YYYY-MM-DD[ hh:mm[:ss[.f]]][ zone]'";
            return false;
        }
        if (!TryBuildReference(reference, calendar, out var referenceDate, out var why))
        {
            error = $"time units '{units}': {why}";
            return false;
        }
        result = new CfTimeUnits(unit, referenceDate);
        error = null;
        return true;
    }

    /// <summary>
    /// As <see cref="TryParse"/>; units that do not parse throw an <see cref="InvalidInputException"/>
    /// naming the file and the variable.
    /// </summary>
    public static CfTimeUnits Parse(string? units, CfCalendar calendar, string filePath, string variable) =>
        TryParse(units, calendar, out var result, out var error)
            ? result
            : throw new InvalidInputException(filePath, variable, error);

    /// <summary>
    /// The date-time <paramref name="value"/> units after the reference. Exact for whole values up to
    /// 2^53; a fractional part is rounded to the nearest microsecond (as cftime does), which keeps
    /// float32 noise out of the result. Throws <see cref="ArgumentOutOfRangeException"/> for NaN,
    /// infinity, or a result outside the calendar's supported years.
    /// </summary>
    public CalendarDateTime ToDateTime(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "a time value must be finite");
        var whole = Math.Floor(value);
        if (Math.Abs(whole) > 9007199254740992.0)
            throw new ArgumentOutOfRangeException(nameof(value), value, "too large to count exactly");
        var fraction = value - whole; // exact: both are doubles of the same magnitude range
        var ticksPerUnit = Unit.Ticks();
        try
        {
            var wholeTicks = checked((long)whole * ticksPerUnit);
            var fractionTicks = (long)Math.Round(fraction * ticksPerUnit / TimeSpan.TicksPerMicrosecond, MidpointRounding.AwayFromZero)
                                * TimeSpan.TicksPerMicrosecond;
            return ReferenceDate.AddTicks(checked(wholeTicks + fractionTicks));
        }
        catch (OverflowException e)
        {
            throw new ArgumentOutOfRangeException($"{value} {Unit.ToCfName()} after {ReferenceDate} is out of range.", e);
        }
    }

    /// <summary>The value that encodes <paramref name="dateTime"/> in these units (exact when the offset is a whole number of units).</summary>
    public double ToValue(CalendarDateTime dateTime)
    {
        var ticks = (dateTime - ReferenceDate).Ticks;
        var ticksPerUnit = Unit.Ticks();
        return ticks % ticksPerUnit == 0 ? ticks / ticksPerUnit : ticks / (double)ticksPerUnit;
    }

    /// <summary>The units as CF text, e.g. <c>days since 2000-01-01 00:00:00</c>.</summary>
    public override string ToString() => $"{Unit.ToCfName()} since {ReferenceDate}";

    private static bool TryBuildReference(Match m, CfCalendar calendar, out CalendarDateTime referenceDate, [NotNullWhen(false)] out string? why)
    {
        referenceDate = default;
        int Int(string group, int fallback = 0) =>
            m.Groups[group].Success ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : fallback;

        int year = Int("y"), month = Int("mo"), day = Int("d"), hour = Int("h"), minute = Int("mi"), second = Int("s");
        why = CalendarRules.WhyInvalid(calendar, year, month, day);
        if (why is not null)
            return false;
        if (hour > 23 || minute > 59 || second > 59)
        {
            why = $"time of day {hour}:{minute}:{second} is out of range";
            return false;
        }
        // Fraction digits beyond 100 ns are dropped: no file needs them and ticks cannot hold them.
        var fractionDigits = m.Groups["f"].Success ? m.Groups["f"].Value : "";
        var subsecondTicks = fractionDigits.Length == 0 ? 0 : long.Parse(fractionDigits.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);

        if (!TryParseZoneOffset(m.Groups["z"].Value, out var offsetTicks))
        {
            why = $"time zone '{m.Groups["z"].Value}' is out of range";
            return false;
        }
        try
        {
            // Local time minus its offset from UTC is UTC.
            referenceDate = new CalendarDateTime(calendar, year, month, day, hour, minute, second, subsecondTicks).AddTicks(-offsetTicks);
        }
        catch (ArgumentOutOfRangeException)
        {
            why = "the reference date shifted to UTC falls outside the supported years";
            return false;
        }
        return true;
    }

    private static bool TryParseZoneOffset(string zone, out long offsetTicks)
    {
        offsetTicks = 0;
        if (zone.Length == 0 || zone[0] is not ('+' or '-'))
            return true; // absent, Z, UTC or GMT
        var sign = zone[0] == '-' ? -1 : 1;
        var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
        int hours, minutes = 0;
        if (digits.Length <= 2)
            hours = int.Parse(digits, CultureInfo.InvariantCulture);
        else
        {
            hours = int.Parse(digits[..^2], CultureInfo.InvariantCulture);
            minutes = int.Parse(digits[^2..], CultureInfo.InvariantCulture);
        }
        if (hours > 14 || minutes > 59)
            return false;
        offsetTicks = sign * (hours * TimeSpan.TicksPerHour + minutes * TimeSpan.TicksPerMinute);
        return true;
    }

    [GeneratedRegex(@"^\s*(?<unit>[A-Za-z_]+)\s+since\s+(?<reference>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShapeRegex();

    [GeneratedRegex(@"^(?<y>\d{1,4})-(?<mo>\d{1,2})-(?<d>\d{1,2})" +
                    @"(?:(?:\s+|T)(?<h>\d{1,2}):(?<mi>\d{1,2})(?::(?<s>\d{1,2})(?:\.(?<f>\d+))?)?)?" +
                    @"\s*(?<z>Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceRegex();
}
