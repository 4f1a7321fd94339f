using TamRl.Upscale.Core.Time;

namespace TamRl.Upscale.Core.Tests.Time;

public class TimeAxisSummaryTests
{
    private static CalendarDateTime D(int y, int m, int d, int h = 0) => new(CfCalendar.Standard, y, m, d, h);

    [Fact]
    public void Of_ReportsOneDay_ForADailyAxis()
    {
        var s = TimeAxisSummary.Of([D(2020, 2, 28), D(2020, 2, 29), D(2020, 3, 1)]);
        Assert.Equal(TimeSpan.FromDays(1), s.RegularStep);
        Assert.Equal("1 day", s.StepDescription);
        Assert.Equal((D(2020, 2, 28), D(2020, 3, 1), 3), (s.First, s.Last, s.Count));
    }

    [Fact]
    public void Of_ReportsHours_ForASixHourlyAxis() =>
        Assert.Equal("6 hours", TimeAxisSummary.Of([D(2020, 1, 1, 0), D(2020, 1, 1, 6), D(2020, 1, 1, 12)]).StepDescription);

    [Fact]
    public void Of_ReportsOneMonth_ForMidMonthlyAxisWhoseIntervalsDiffer()
    {
        var s = TimeAxisSummary.Of([D(2020, 1, 15), D(2020, 2, 15), D(2020, 3, 15), D(2020, 4, 15)]);
        Assert.True(s.IsMonthly);
        Assert.Null(s.RegularStep);
        Assert.Equal("1 month", s.StepDescription);
    }

    [Fact]
    public void Of_ReportsRange_ForAnIrregularAxis() =>
        Assert.Equal("irregular, 1 day to 2 days", TimeAxisSummary.Of([D(2020, 1, 1), D(2020, 1, 2), D(2020, 1, 4)]).StepDescription);

    [Fact]
    public void Of_ReportsSingleTime_ForOneValue() =>
        Assert.Null(TimeAxisSummary.Of([D(2020, 1, 1)]).RegularStep);

    [Theory]
    [InlineData(90 * TimeSpan.TicksPerSecond, "90 seconds")]
    [InlineData(TimeSpan.TicksPerHour, "1 hour")]
    [InlineData(TimeSpan.TicksPerSecond / 2, "0.5 seconds")]
    public void FormatDuration_UsesTheLargestWholeUnit(long ticks, string expected) =>
        Assert.Equal(expected, TimeAxisSummary.FormatDuration(TimeSpan.FromTicks(ticks)));
}
