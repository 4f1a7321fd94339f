namespace TamRl.Upscale.Core.Time;

/// <summary>
/// The arithmetic of each calendar: month lengths, validity, and the bijection between a date and
/// its day number (whole days since 0001-01-01 of that calendar). Integer arithmetic only, so that
/// day counts are exact. Years are limited to <see cref="MaxYear"/> and, below, to 1 (0 for the
/// idealised calendars, which have a year zero).
/// </summary>
internal static class CalendarRules
{
    public const int MaxYear = 9999;

    /// <summary>Julian day number of the first day of the Gregorian reform, 1582-10-15.</summary>
    private const long GregorianReformJdn = 2299161;

    private static readonly int[] CumulativeDaysCommon = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
    private static readonly int[] CumulativeDaysLeap = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366];

    private static readonly long JulianJdnOfYearOne = JulianJdn(1, 1, 1);
    private static readonly long GregorianJdnOfYearOne = GregorianJdn(1, 1, 1);

    public static bool HasYearZero(CfCalendar calendar) =>
        calendar is CfCalendar.NoLeap or CfCalendar.AllLeap or CfCalendar.Day360;

    public static int MinYear(CfCalendar calendar) => HasYearZero(calendar) ? 0 : 1;

    public static bool IsLeapYear(CfCalendar calendar, int year) => calendar switch
    {
        CfCalendar.ProlepticGregorian => IsGregorianLeapYear(year),
        CfCalendar.Julian => year % 4 == 0,
        // 1582 is not a leap year under either rule, so the switch year needs no special case.
        CfCalendar.Standard => year < 1582 ? year % 4 == 0 : IsGregorianLeapYear(year),
        CfCalendar.AllLeap => true,
        CfCalendar.NoLeap or CfCalendar.Day360 => false,
        _ => throw new ArgumentOutOfRangeException(nameof(calendar), calendar, null),
    };

    public static int DaysInMonth(CfCalendar calendar, int year, int month)
    {
        if (calendar == CfCalendar.Day360)
            return 30;
        var table = IsLeapYear(calendar, year) ? CumulativeDaysLeap : CumulativeDaysCommon;
        return table[month] - table[month - 1];
    }

    /// <summary>Null when the date exists in the calendar, otherwise why it does not.</summary>
    public static string? WhyInvalid(CfCalendar calendar, int year, int month, int day)
    {
        if (year < MinYear(calendar) || year > MaxYear)
            return $"year {year} is outside {MinYear(calendar)}..{MaxYear} supported for the {calendar.ToCfName()} calendar";
        if (month is < 1 or > 12)
            return $"month {month} is not 1..12";
        var days = DaysInMonth(calendar, year, month);
        if (day < 1 || day > days)
            return $"day {day} does not exist in {year:D4}-{month:D2} of the {calendar.ToCfName()} calendar ({days} days)";
        if (calendar == CfCalendar.Standard && year == 1582 && month == 10 && day is > 4 and < 15)
            return "1582-10-05..14 do not exist in the standard calendar (Julian to Gregorian switch)";
        return null;
    }

    public static long ToDayNumber(CfCalendar calendar, int year, int month, int day) => calendar switch
    {
        CfCalendar.Day360 => (year - 1) * 360L + (month - 1) * 30 + (day - 1),
        CfCalendar.NoLeap => (year - 1) * 365L + CumulativeDaysCommon[month - 1] + (day - 1),
        CfCalendar.AllLeap => (year - 1) * 366L + CumulativeDaysLeap[month - 1] + (day - 1),
        CfCalendar.Julian => JulianJdn(year, month, day) - JulianJdnOfYearOne,
        CfCalendar.ProlepticGregorian => GregorianJdn(year, month, day) - GregorianJdnOfYearOne,
        CfCalendar.Standard => (year, month, day).CompareTo((1582, 10, 15)) >= 0
            ? GregorianJdn(year, month, day) - JulianJdnOfYearOne
            : JulianJdn(year, month, day) - JulianJdnOfYearOne,
        _ => throw new ArgumentOutOfRangeException(nameof(calendar), calendar, null),
    };

    /// <summary>The date of a day number; the year may fall outside the supported range (callers check).</summary>
    public static (int Year, int Month, int Day) FromDayNumber(CfCalendar calendar, long dayNumber)
    {
        switch (calendar)
        {
            case CfCalendar.Day360:
            {
                var year = FloorDiv(dayNumber, 360) + 1;
                var inYear = (int)(dayNumber - (year - 1) * 360);
                return ((int)year, inYear / 30 + 1, inYear % 30 + 1);
            }
            case CfCalendar.NoLeap:
                return FromFixedYear(dayNumber, 365, CumulativeDaysCommon);
            case CfCalendar.AllLeap:
                return FromFixedYear(dayNumber, 366, CumulativeDaysLeap);
            case CfCalendar.Julian:
                return FromJulianJdn(dayNumber + JulianJdnOfYearOne);
            case CfCalendar.ProlepticGregorian:
                return FromGregorianJdn(dayNumber + GregorianJdnOfYearOne);
            case CfCalendar.Standard:
            {
                var jdn = dayNumber + JulianJdnOfYearOne;
                return jdn >= GregorianReformJdn ? FromGregorianJdn(jdn) : FromJulianJdn(jdn);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(calendar), calendar, null);
        }
    }

    /// <summary>Julian day number of a proleptic Gregorian date (valid for years above -4800).</summary>
    public static long GregorianJdn(int year, int month, int day)
    {
        long a = (14 - month) / 12, y = year + 4800 - a, m = month + 12 * a - 3;
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045;
    }

    /// <summary>Julian day number of a Julian-calendar date (valid for years above -4800).</summary>
    public static long JulianJdn(int year, int month, int day)
    {
        long a = (14 - month) / 12, y = year + 4800 - a, m = month + 12 * a - 3;
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - 32083;
    }

    public static (int Year, int Month, int Day) FromGregorianJdn(long jdn)
    {
        var a = jdn + 32044;
        var b = (4 * a + 3) / 146097;
        var c = a - 146097 * b / 4;
        return FinishJdnInverse(b, c);
    }

    public static (int Year, int Month, int Day) FromJulianJdn(long jdn) => FinishJdnInverse(0, jdn + 32082);

    public static long FloorDiv(long a, long b) => a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);

    private static bool IsGregorianLeapYear(int year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    // Richards' algorithm (Explanatory Supplement to the Astronomical Almanac, 3rd ed., 15.11).
    private static (int Year, int Month, int Day) FinishJdnInverse(long b, long c)
    {
        var d = (4 * c + 3) / 1461;
        var e = c - 1461 * d / 4;
        var m = (5 * e + 2) / 153;
        var day = e - (153 * m + 2) / 5 + 1;
        var month = m + 3 - 12 * (m / 10);
        var year = 100 * b + d - 4800 + m / 10;
        return ((int)year, (int)month, (int)day);
    }

    private static (int Year, int Month, int Day) FromFixedYear(long dayNumber, int daysPerYear, int[] cumulative)
    {
        var year = FloorDiv(dayNumber, daysPerYear) + 1;
        var inYear = (int)(dayNumber - (year - 1) * daysPerYear);
        var month = 1;
        while (cumulative[month] <= inYear)
            month++;
        return ((int)year, month, inYear - cumulative[month - 1] + 1);
    }
}
