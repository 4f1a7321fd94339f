using System.Globalization;

namespace TamRl.Upscale.Core.Time;

/// <summary>
/// A date and time of day in a CF calendar, including dates <see cref="DateTime"/> cannot hold
/// (2001-02-30 in <see cref="CfCalendar.Day360"/>, 1900-02-29 in <see cref="CfCalendar.Julian"/>).
/// Held as a day number (whole days since 0001-01-01 of the calendar) and a time of day in 100 ns
/// ticks, so that differences and additions are exact integer arithmetic. Times are UTC; there is
/// no leap second. Two values compare only when they share a calendar.
/// </summary>
public readonly struct CalendarDateTime : IEquatable<CalendarDateTime>, IComparable<CalendarDateTime>
{
    private CalendarDateTime(CfCalendar calendar, long dayNumber, long timeOfDayTicks)
    {
        if (dayNumber < MinDayNumber(calendar) || dayNumber > MaxDayNumber(calendar))
            throw new ArgumentOutOfRangeException(nameof(dayNumber), dayNumber,
                $"outside years {CalendarRules.MinYear(calendar)}..{CalendarRules.MaxYear} of the {calendar.ToCfName()} calendar");
        Calendar = calendar;
        DayNumber = dayNumber;
        TimeOfDayTicks = timeOfDayTicks;
        (Year, Month, Day) = CalendarRules.FromDayNumber(calendar, dayNumber);
    }

    /// <summary>A date and time; throws <see cref="ArgumentOutOfRangeException"/> when the date does not exist in the calendar.</summary>
    /// <param name="subsecondTicks">The fraction of the second in 100 ns ticks, 0..9 999 999.</param>
    public CalendarDateTime(CfCalendar calendar, int year, int month, int day,
        int hour = 0, int minute = 0, int second = 0, long subsecondTicks = 0)
        : this(calendar, DayNumberOf(calendar, year, month, day), TicksOfDay(hour, minute, second, subsecondTicks)) { }

    public CfCalendar Calendar { get; }

    public int Year { get; }

    public int Month { get; }

    public int Day { get; }

    /// <summary>Whole days since 0001-01-01 of this calendar (negative for year zero).</summary>
    public long DayNumber { get; }

    /// <summary>Time since midnight in 100 ns ticks, 0..<see cref="TimeSpan.TicksPerDay"/> - 1.</summary>
    public long TimeOfDayTicks { get; }

    public TimeSpan TimeOfDay => TimeSpan.FromTicks(TimeOfDayTicks);

    public int Hour => (int)(TimeOfDayTicks / TimeSpan.TicksPerHour);

    public int Minute => (int)(TimeOfDayTicks / TimeSpan.TicksPerMinute % 60);

    public int Second => (int)(TimeOfDayTicks / TimeSpan.TicksPerSecond % 60);

    /// <summary>The fraction of the second in 100 ns ticks.</summary>
    public long SubsecondTicks => TimeOfDayTicks % TimeSpan.TicksPerSecond;

    /// <summary>Seconds within the minute including the fraction (e.g. 30.25).</summary>
    public double SecondWithFraction => TimeOfDayTicks % TimeSpan.TicksPerMinute / (double)TimeSpan.TicksPerSecond;

    /// <summary>Whether the date exists in the calendar (e.g. 2001-02-30 exists only in 360_day).</summary>
    public static bool IsValidDate(CfCalendar calendar, int year, int month, int day) =>
        CalendarRules.WhyInvalid(calendar, year, month, day) is null;

    /// <summary>The date <paramref name="dayNumber"/> days after 0001-01-01 of the calendar.</summary>
    public static CalendarDateTime FromDayNumber(CfCalendar calendar, long dayNumber, long timeOfDayTicks = 0)
    {
        if (timeOfDayTicks is < 0 or >= TimeSpan.TicksPerDay)
            throw new ArgumentOutOfRangeException(nameof(timeOfDayTicks), timeOfDayTicks, "must be within one day");
        return new CalendarDateTime(calendar, dayNumber, timeOfDayTicks);
    }

    /// <summary>
    /// The same instant in a real-world calendar (<see cref="CfCalendar.Standard"/>,
    /// <see cref="CfCalendar.ProlepticGregorian"/> or <see cref="CfCalendar.Julian"/>): a DateTime of
    /// 1500-01-10 is 1500-01-01 in the Julian and standard calendars. Idealised calendars name no real
    /// day, so they are refused.
    /// </summary>
    public static CalendarDateTime FromDateTime(DateTime value, CfCalendar calendar = CfCalendar.Standard)
    {
        RequireRealWorld(calendar);
        var gregorianDays = value.Ticks / TimeSpan.TicksPerDay;
        var jdn = CalendarRules.GregorianJdn(1, 1, 1) + gregorianDays;
        var (y, m, d) = calendar == CfCalendar.Julian || (calendar == CfCalendar.Standard && jdn < CalendarRules.GregorianJdn(1582, 10, 15))
            ? CalendarRules.FromJulianJdn(jdn)
            : CalendarRules.FromGregorianJdn(jdn);
        return new CalendarDateTime(calendar, DayNumberOf(calendar, y, m, d), value.Ticks % TimeSpan.TicksPerDay);
    }

    /// <summary>
    /// The same instant as a UTC <see cref="DateTime"/> (proleptic Gregorian), for the real-world
    /// calendars only; <c>false</c> for noleap, all_leap and 360_day dates, whose days are not real days,
    /// and for instants before 0001-01-01 Gregorian.
    /// </summary>
    public bool TryToDateTime(out DateTime value)
    {
        value = default;
        if (!IsRealWorld(Calendar))
            return false;
        var isJulianDate = Calendar == CfCalendar.Julian ||
                           (Calendar == CfCalendar.Standard && (Year, Month, Day).CompareTo((1582, 10, 15)) < 0);
        var (y, m, d) = isJulianDate
            ? CalendarRules.FromGregorianJdn(CalendarRules.JulianJdn(Year, Month, Day))
            : (Year, Month, Day);
        if (y < 1 || y > 9999)
            return false;
        value = new DateTime(y, m, d, 0, 0, 0, DateTimeKind.Utc).AddTicks(TimeOfDayTicks);
        return true;
    }

    /// <summary>As <see cref="TryToDateTime"/>; throws <see cref="InvalidOperationException"/> saying why it cannot.</summary>
    public DateTime ToDateTime() => TryToDateTime(out var value)
        ? value
        : throw new InvalidOperationException(IsRealWorld(Calendar)
            ? $"{this} ({Calendar.ToCfName()}) is before 0001-01-01 of the proleptic Gregorian calendar."
            : $"{this} is a date of the {Calendar.ToCfName()} calendar, which names no real day; it has no DateTime.");

    /// <summary>This date-time moved by a number of days (exact; the time of day is kept).</summary>
    public CalendarDateTime AddDays(long days) => new(Calendar, checked(DayNumber + days), TimeOfDayTicks);

    /// <summary>This date-time moved by a number of 100 ns ticks (exact, may cross days).</summary>
    public CalendarDateTime AddTicks(long ticks)
    {
        var total = checked(TimeOfDayTicks + ticks);
        var days = CalendarRules.FloorDiv(total, TimeSpan.TicksPerDay);
        return new CalendarDateTime(Calendar, checked(DayNumber + days), total - days * TimeSpan.TicksPerDay);
    }

    /// <summary>Whole days between the dates, ignoring the time of day (exact).</summary>
    public long DaysSince(CalendarDateTime epoch)
    {
        RequireSameCalendar(epoch);
        return DayNumber - epoch.DayNumber;
    }

    /// <summary>The exact duration between two date-times of one calendar.</summary>
    public static TimeSpan operator -(CalendarDateTime later, CalendarDateTime earlier)
    {
        later.RequireSameCalendar(earlier);
        return TimeSpan.FromTicks(checked((later.DayNumber - earlier.DayNumber) * TimeSpan.TicksPerDay +
                                         later.TimeOfDayTicks - earlier.TimeOfDayTicks));
    }

    public int CompareTo(CalendarDateTime other)
    {
        RequireSameCalendar(other);
        var byDay = DayNumber.CompareTo(other.DayNumber);
        return byDay != 0 ? byDay : TimeOfDayTicks.CompareTo(other.TimeOfDayTicks);
    }

    public bool Equals(CalendarDateTime other) =>
        Calendar == other.Calendar && DayNumber == other.DayNumber && TimeOfDayTicks == other.TimeOfDayTicks;

    public override bool Equals(object? obj) => obj is CalendarDateTime other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Calendar, DayNumber, TimeOfDayTicks);

    public static bool operator ==(CalendarDateTime a, CalendarDateTime b) => a.Equals(b);

    public static bool operator !=(CalendarDateTime a, CalendarDateTime b) => !a.Equals(b);

    public static bool operator <(CalendarDateTime a, CalendarDateTime b) => a.CompareTo(b) < 0;

    public static bool operator >(CalendarDateTime a, CalendarDateTime b) => a.CompareTo(b) > 0;

    public static bool operator <=(CalendarDateTime a, CalendarDateTime b) => a.CompareTo(b) <= 0;

    public static bool operator >=(CalendarDateTime a, CalendarDateTime b) => a.CompareTo(b) >= 0;

    /// <summary>ISO-like text, <c>yyyy-MM-dd HH:mm:ss</c>, with the fraction of a second only when there is one.</summary>
    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2} {Hour:D2}:{Minute:D2}:{Second:D2}");
        return SubsecondTicks == 0 ? text : text + "." + SubsecondTicks.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    private static bool IsRealWorld(CfCalendar calendar) =>
        calendar is CfCalendar.Standard or CfCalendar.ProlepticGregorian or CfCalendar.Julian;

    private static void RequireRealWorld(CfCalendar calendar)
    {
        if (!IsRealWorld(calendar))
            throw new ArgumentException($"The {calendar.ToCfName()} calendar names no real day; a DateTime cannot be placed in it.", nameof(calendar));
    }

    private void RequireSameCalendar(CalendarDateTime other)
    {
        if (other.Calendar != Calendar)
            throw new ArgumentException($"Cannot compare a {Calendar.ToCfName()} date with a {other.Calendar.ToCfName()} date.", nameof(other));
    }

    private static long DayNumberOf(CfCalendar calendar, int year, int month, int day)
    {
        var why = CalendarRules.WhyInvalid(calendar, year, month, day);
        if (why is not null)
            throw new ArgumentOutOfRangeException(nameof(day), why);
        return CalendarRules.ToDayNumber(calendar, year, month, day);
    }

    private static long TicksOfDay(int hour, int minute, int second, long subsecondTicks)
    {
        if (hour is < 0 or > 23)
            throw new ArgumentOutOfRangeException(nameof(hour), hour, "must be 0..23");
        if (minute is < 0 or > 59)
            throw new ArgumentOutOfRangeException(nameof(minute), minute, "must be 0..59");
        if (second is < 0 or > 59)
            throw new ArgumentOutOfRangeException(nameof(second), second, "must be 0..59 (no leap seconds)");
        if (subsecondTicks is < 0 or >= TimeSpan.TicksPerSecond)
            throw new ArgumentOutOfRangeException(nameof(subsecondTicks), subsecondTicks, "must be 0..9999999");
        return hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute + second * TimeSpan.TicksPerSecond + subsecondTicks;
    }

    private static long MinDayNumber(CfCalendar calendar) =>
        CalendarRules.ToDayNumber(calendar, CalendarRules.MinYear(calendar), 1, 1);

    private static long MaxDayNumber(CfCalendar calendar) =>
        CalendarRules.ToDayNumber(calendar, CalendarRules.MaxYear, 12, 31 - (calendar == CfCalendar.Day360 ? 1 : 0));
}
