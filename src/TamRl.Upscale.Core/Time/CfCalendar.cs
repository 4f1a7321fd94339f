namespace TamRl.Upscale.Core.Time;

/// <summary>
/// The CF calendars (CF-1.10 section 4.4.1). <c>gregorian</c> is a deprecated alias of
/// <see cref="Standard"/>; <c>365_day</c> and <c>366_day</c> are aliases of <see cref="NoLeap"/> and
/// <see cref="AllLeap"/>. <see cref="CfCalendarNames"/> maps attribute text to these values.
/// </summary>
public enum CfCalendar
{
    /// <summary>
    /// Mixed Julian/Gregorian: Julian up to 1582-10-04, Gregorian from the next day, 1582-10-15;
    /// the dates 1582-10-05..14 do not exist. No year zero. CF's default when <c>calendar</c> is absent.
    /// </summary>
    Standard,

    /// <summary>Gregorian rules extended before 1582-10-15 (what .NET's <see cref="DateTime"/> uses). No year zero here.</summary>
    ProlepticGregorian,

    /// <summary>Julian rules throughout: every fourth year is a leap year (1900 is one). No year zero.</summary>
    Julian,

    /// <summary>Every year has 365 days (no 29 February). Year zero exists.</summary>
    NoLeap,

    /// <summary>Every year has 366 days (29 February every year). Year zero exists.</summary>
    AllLeap,

    /// <summary>Twelve months of 30 days (30 February exists, 31 January does not). Year zero exists.</summary>
    Day360,
}
