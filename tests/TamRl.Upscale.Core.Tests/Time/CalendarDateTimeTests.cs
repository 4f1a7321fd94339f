using TamRl.Upscale.Core.Time;

namespace TamRl.Upscale.Core.Tests.Time;

public class CalendarDateTimeTests
{
    [Fact]
    public void AddDays_Gives2000_12_30_WhenAdding359DaysTo2000_01_01_In360DayCalendar()
    {
        var epoch = new CalendarDateTime(CfCalendar.Day360, 2000, 1, 1);
        var date = epoch.AddDays(359);
        Assert.Equal((2000, 12, 30), (date.Year, date.Month, date.Day));
    }

    [Fact]
    public void Ctor_AcceptsFebruary30_In360DayCalendarOnly()
    {
        var date = new CalendarDateTime(CfCalendar.Day360, 2001, 2, 30);
        Assert.Equal(30, date.Day);
        Assert.Equal(1, new CalendarDateTime(CfCalendar.Day360, 2001, 3, 1).DaysSince(date));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CalendarDateTime(CfCalendar.Standard, 2001, 2, 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CalendarDateTime(CfCalendar.Day360, 2001, 1, 31));
    }

    [Fact]
    public void DaysSince_IsOne_BetweenFebruary28AndMarch1_InNoLeapCalendar()
    {
        Assert.Equal(1, new CalendarDateTime(CfCalendar.NoLeap, 2001, 3, 1).DaysSince(new CalendarDateTime(CfCalendar.NoLeap, 2001, 2, 28)));
        Assert.Equal(1, new CalendarDateTime(CfCalendar.NoLeap, 2000, 3, 1).DaysSince(new CalendarDateTime(CfCalendar.NoLeap, 2000, 2, 28)));
        Assert.False(CalendarDateTime.IsValidDate(CfCalendar.NoLeap, 2000, 2, 29));
    }

    [Fact]
    public void DaysSince_IsTwo_BetweenFebruary28AndMarch1Of1900_InJulianCalendar()
    {
        // 1900 is a leap year under Julian rules, not under Gregorian ones.
        var julian = new CalendarDateTime(CfCalendar.Julian, 1900, 3, 1).DaysSince(new CalendarDateTime(CfCalendar.Julian, 1900, 2, 28));
        var gregorian = new CalendarDateTime(CfCalendar.ProlepticGregorian, 1900, 3, 1).DaysSince(new CalendarDateTime(CfCalendar.ProlepticGregorian, 1900, 2, 28));
        Assert.Equal(2, julian);
        Assert.Equal(1, gregorian);
    }

    [Fact]
    public void AddDays_Gives1582_10_15_WhenAddingOneDayTo1582_10_04_InStandardCalendar()
    {
        var next = new CalendarDateTime(CfCalendar.Standard, 1582, 10, 4).AddDays(1);
        Assert.Equal((1582, 10, 15), (next.Year, next.Month, next.Day));
        Assert.Equal(-1, new CalendarDateTime(CfCalendar.Standard, 1582, 10, 4).DaysSince(next));
    }

    [Fact]
    public void Ctor_Throws_ForDatesSkippedByTheGregorianReform_InStandardCalendarOnly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CalendarDateTime(CfCalendar.Standard, 1582, 10, 10));
        Assert.Equal(10, new CalendarDateTime(CfCalendar.ProlepticGregorian, 1582, 10, 10).Day);
        Assert.Equal(10, new CalendarDateTime(CfCalendar.Julian, 1582, 10, 10).Day);
    }

    [Fact]
    public void Ctor_AcceptsFebruary29EveryYear_InAllLeapCalendar()
    {
        var feb29 = new CalendarDateTime(CfCalendar.AllLeap, 2001, 2, 29);
        Assert.Equal(366, new CalendarDateTime(CfCalendar.AllLeap, 2002, 1, 1).DaysSince(new CalendarDateTime(CfCalendar.AllLeap, 2001, 1, 1)));
        Assert.Equal(1, new CalendarDateTime(CfCalendar.AllLeap, 2001, 3, 1).DaysSince(feb29));
    }

    [Fact]
    public void DaysSince_MatchesDotNet_ForProlepticGregorianAndModernStandardDates()
    {
        var a = new DateTime(1850, 1, 1);
        var b = new DateTime(2100, 12, 31);
        var expected = (long)(b - a).TotalDays;
        Assert.Equal(expected, new CalendarDateTime(CfCalendar.ProlepticGregorian, 2100, 12, 31).DaysSince(new CalendarDateTime(CfCalendar.ProlepticGregorian, 1850, 1, 1)));
        Assert.Equal(expected, new CalendarDateTime(CfCalendar.Standard, 2100, 12, 31).DaysSince(new CalendarDateTime(CfCalendar.Standard, 1850, 1, 1)));
    }

    [Theory]
    [InlineData(CfCalendar.Standard)]
    [InlineData(CfCalendar.ProlepticGregorian)]
    [InlineData(CfCalendar.Julian)]
    [InlineData(CfCalendar.NoLeap)]
    [InlineData(CfCalendar.AllLeap)]
    [InlineData(CfCalendar.Day360)]
    public void AddDays_StepsThroughEveryValidDateInOrder_From1500To2100(CfCalendar calendar)
    {
        // Walks the day-number arithmetic (Julian day number formulas, cumulative tables) against a naive
        // successor built only from validity: the next valid day of the month (skipping 1582-10-05..14 in
        // the standard calendar), else the 1st of the next month, else of the next year.
        var date = new CalendarDateTime(calendar, 1500, 1, 1);
        var (y, m, d) = (1500, 1, 1);
        while (y < 2100)
        {
            var nextDay = Enumerable.Range(d + 1, 31 - d).FirstOrDefault(day => CalendarDateTime.IsValidDate(calendar, y, m, day));
            if (nextDay != 0) d = nextDay;
            else if (m < 12) (m, d) = (m + 1, 1);
            else (y, m, d) = (y + 1, 1, 1);

            var next = date.AddDays(1);
            Assert.Equal((y, m, d), (next.Year, next.Month, next.Day));
            Assert.Equal(next, CalendarDateTime.FromDayNumber(calendar, next.DayNumber));
            date = next;
        }
    }

    [Fact]
    public void AddTicks_CrossesMidnightBackwards_WhenNegative()
    {
        var t = new CalendarDateTime(CfCalendar.NoLeap, 2001, 3, 1, 0, 30).AddTicks(-TimeSpan.TicksPerHour);
        Assert.Equal("2001-02-28 23:30:00", t.ToString());
    }

    [Fact]
    public void Subtraction_GivesExactDurationIncludingTimeOfDay()
    {
        var a = new CalendarDateTime(CfCalendar.Day360, 2000, 2, 30, 18);
        var b = new CalendarDateTime(CfCalendar.Day360, 2000, 2, 29, 6);
        Assert.Equal(TimeSpan.FromHours(36), a - b);
    }

    [Fact]
    public void ToDateTime_KeepsTheDate_ForStandardCalendarAfterTheReform()
    {
        var t = new CalendarDateTime(CfCalendar.Standard, 2020, 1, 1, 6, 30, 15, 5_000_000);
        Assert.Equal(new DateTime(2020, 1, 1, 6, 30, 15, 500, DateTimeKind.Utc), t.ToDateTime());
        Assert.Equal(DateTimeKind.Utc, t.ToDateTime().Kind);
    }

    [Fact]
    public void ToDateTime_KeepsTheInstant_ForJulianDates()
    {
        // Independent check (python3 datetime, counting Julian days from Julian 1582-10-04 = Gregorian 1582-10-14):
        // Julian 1900-02-29 is Gregorian 1900-03-13; Julian 1500-01-01 is Gregorian 1500-01-10.
        Assert.Equal(new DateTime(1900, 3, 13), new CalendarDateTime(CfCalendar.Julian, 1900, 2, 29).ToDateTime());
        Assert.Equal(new DateTime(1500, 1, 10), new CalendarDateTime(CfCalendar.Standard, 1500, 1, 1).ToDateTime());
    }

    [Fact]
    public void FromDateTime_InvertsToDateTime_ForRealWorldCalendars()
    {
        var instant = new DateTime(1500, 1, 10, 12, 0, 0, DateTimeKind.Utc);
        var julian = CalendarDateTime.FromDateTime(instant, CfCalendar.Julian);
        Assert.Equal("1500-01-01 12:00:00", julian.ToString());
        Assert.Equal(instant, julian.ToDateTime());
        Assert.Throws<ArgumentException>(() => CalendarDateTime.FromDateTime(instant, CfCalendar.NoLeap));
    }

    [Fact]
    public void ToDateTime_Throws_ForIdealisedCalendars()
    {
        var t = new CalendarDateTime(CfCalendar.NoLeap, 2001, 1, 1);
        Assert.False(t.TryToDateTime(out _));
        var e = Assert.Throws<InvalidOperationException>(() => t.ToDateTime());
        Assert.Contains("noleap", e.Message);
    }

    [Fact]
    public void CompareTo_Throws_WhenCalendarsDiffer()
    {
        var a = new CalendarDateTime(CfCalendar.NoLeap, 2001, 1, 1);
        var b = new CalendarDateTime(CfCalendar.Standard, 2001, 1, 1);
        Assert.Throws<ArgumentException>(() => a < b);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Properties_ReportTimeOfDayAndFraction()
    {
        var t = new CalendarDateTime(CfCalendar.Standard, 2020, 5, 6, 7, 8, 9, 2_500_000);
        Assert.Equal((7, 8, 9), (t.Hour, t.Minute, t.Second));
        Assert.Equal(9.25, t.SecondWithFraction);
        Assert.Equal("2020-05-06 07:08:09.25", t.ToString());
    }

    [Fact]
    public void Ctor_AcceptsYearZero_OnlyInIdealisedCalendars()
    {
        Assert.Equal(-365, new CalendarDateTime(CfCalendar.NoLeap, 0, 1, 1).DayNumber);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CalendarDateTime(CfCalendar.Standard, 0, 1, 1));
    }
}
