using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Time;

namespace TamRl.Upscale.Core.Tests.Time;

public class CfTimeUnitsTests
{
    private static CfTimeUnits Parse(string units, CfCalendar calendar = CfCalendar.Standard) =>
        CfTimeUnits.Parse(units, calendar, "f.nc", "time");

    [Fact]
    public void ToDateTime_Gives2020_01_01_ForEra5LegacyHoursSince1900()
    {
        // python3: datetime(1900,1,1) + timedelta(hours=1051896) == datetime(2020,1,1)
        var t = Parse("hours since 1900-01-01 00:00:00.0").ToDateTime(1051896);
        Assert.Equal("2020-01-01 00:00:00", t.ToString());
    }

    [Fact]
    public void ToDateTime_Gives2020_01_01_ForNewCdsSecondsSince1970()
    {
        // python3: datetime(1970,1,1) + timedelta(seconds=1577836800) == datetime(2020,1,1)
        var t = Parse("seconds since 1970-01-01").ToDateTime(1577836800);
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), t.ToDateTime());
    }

    [Theory]
    [InlineData("days since 1970-01-01")]
    [InlineData("days since 1970-01-01T00:00:00Z")]
    [InlineData("days since 1970-1-1 0:0:0")]
    [InlineData("days since 1970-01-01 00:00:00 UTC")]
    [InlineData("days since 1970-01-01 00:00:00+00:00")]
    [InlineData("days since 1970-01-01 00:00")]
    [InlineData("  Days  since  1970-01-01 00:00:00.000  ")]
    public void Parse_ReadsTheSameEpoch_FromEveryCommonSpelling(string units)
    {
        var parsed = Parse(units);
        Assert.Equal(CfTimeUnit.Days, parsed.Unit);
        Assert.Equal(new CalendarDateTime(CfCalendar.Standard, 1970, 1, 1), parsed.ReferenceDate);
    }

    [Theory]
    [InlineData("d", CfTimeUnit.Days)]
    [InlineData("day", CfTimeUnit.Days)]
    [InlineData("hours", CfTimeUnit.Hours)]
    [InlineData("hour", CfTimeUnit.Hours)]
    [InlineData("hr", CfTimeUnit.Hours)]
    [InlineData("h", CfTimeUnit.Hours)]
    [InlineData("minutes", CfTimeUnit.Minutes)]
    [InlineData("min", CfTimeUnit.Minutes)]
    [InlineData("second", CfTimeUnit.Seconds)]
    [InlineData("sec", CfTimeUnit.Seconds)]
    [InlineData("s", CfTimeUnit.Seconds)]
    [InlineData("milliseconds", CfTimeUnit.Milliseconds)]
    [InlineData("ms", CfTimeUnit.Milliseconds)]
    [InlineData("microseconds", CfTimeUnit.Microseconds)]
    public void Parse_RecognisesUnitSpelling(string unit, CfTimeUnit expected) =>
        Assert.Equal(expected, Parse($"{unit} since 2000-01-01").Unit);

    [Fact]
    public void Parse_ConvertsAZoneOffsetToUtc()
    {
        var parsed = Parse("hours since 2000-01-01 00:00:00 +01:00");
        Assert.Equal("1999-12-31 23:00:00", parsed.ReferenceDate.ToString());
    }

    [Theory]
    [InlineData("months since 2000-01-01")]
    [InlineData("month since 2000-01-01")]
    public void Parse_Throws_WhenUnitIsMonths(string units)
    {
        var e = Assert.Throws<InvalidInputException>(() => CfTimeUnits.Parse(units, CfCalendar.Standard, "/d/a.nc", "time"));
        Assert.Equal("/d/a.nc", e.FilePath);
        Assert.Equal("time", e.Variable);
        Assert.Contains("month", e.Detail);
        Assert.Contains("use days", e.Detail);
    }

    [Fact]
    public void Parse_Throws_WhenUnitIsYears()
    {
        var e = Assert.Throws<InvalidInputException>(() => Parse("years since 0001-01-01"));
        Assert.Contains("years", e.Detail);
    }

    [Theory]
    [InlineData("days")]
    [InlineData("K")]
    [InlineData("fortnights since 2000-01-01")]
    [InlineData("days since yesterday")]
    [InlineData("days since 2000-13-01")]
    [InlineData("days since 2000-01-01 25:00:00")]
    [InlineData("days since 2000-01-01 00:00:00 +99:00")]
    public void Parse_Throws_WhenUnitsDoNotParse(string units)
    {
        var e = Assert.Throws<InvalidInputException>(() => CfTimeUnits.Parse(units, CfCalendar.Standard, "/d/a.nc", "t"));
        Assert.StartsWith("/d/a.nc: variable 't': ", e.Message);
    }

    [Fact]
    public void Parse_ChecksTheReferenceDateInTheFilesCalendar()
    {
        Assert.Throws<InvalidInputException>(() => Parse("days since 2001-02-30"));
        Assert.Equal(30, Parse("days since 2001-02-30", CfCalendar.Day360).ReferenceDate.Day);
    }

    [Fact]
    public void ToDateTime_Gives2000_12_30_ForDay359Since2000_In360DayCalendar() =>
        Assert.Equal("2000-12-30 00:00:00", Parse("days since 2000-01-01", CfCalendar.Day360).ToDateTime(359).ToString());

    [Fact]
    public void ToDateTime_HandlesFractionsAndNegativeValues()
    {
        var units = Parse("days since 2000-01-01 00:00:00");
        Assert.Equal("2000-01-01 12:00:00", units.ToDateTime(0.5).ToString());
        Assert.Equal("1999-12-31 18:00:00", units.ToDateTime(-0.25).ToString());
        Assert.Equal("1999-12-31 23:00:00", Parse("hours since 2000-01-01").ToDateTime(-1).ToString());
    }

    [Fact]
    public void ToDateTime_RoundsFractionsToTheMicrosecond()
    {
        // 1/3 day is 8 h exactly in decimal terms but not in binary; rounding keeps the result clean.
        Assert.Equal("2000-01-01 08:00:00", Parse("days since 2000-01-01").ToDateTime(1.0 / 3.0).ToString());
    }

    [Fact]
    public void ToDateTime_Throws_WhenValueIsNotFiniteOrOutOfRange()
    {
        var units = Parse("days since 2000-01-01");
        Assert.Throws<ArgumentOutOfRangeException>(() => units.ToDateTime(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => units.ToDateTime(1e9));
    }

    [Fact]
    public void ToValue_InvertsToDateTime_InTheFilesCalendar()
    {
        var units = Parse("days since 2000-01-01", CfCalendar.Day360);
        Assert.Equal(419, units.ToValue(new CalendarDateTime(CfCalendar.Day360, 2001, 2, 30)));
        Assert.Equal(0.5, units.ToValue(new CalendarDateTime(CfCalendar.Day360, 2000, 1, 1, 12)));
    }

    [Theory]
    [InlineData("hours since 1900-01-01", true)]
    [InlineData("months since 1900-01-01", true)]
    [InlineData("degrees_north", false)]
    [InlineData(null, false)]
    public void LooksLikeTimeUnits_RecognisesTheSinceShape(string? units, bool expected) =>
        Assert.Equal(expected, CfTimeUnits.LooksLikeTimeUnits(units));

    [Fact]
    public void ToString_WritesCfText() =>
        Assert.Equal("hours since 1900-01-01 00:00:00", Parse("hour since 1900-1-1").ToString());
}
