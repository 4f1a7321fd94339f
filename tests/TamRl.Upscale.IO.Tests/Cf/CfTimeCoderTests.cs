using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Time;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Cf;

public class CfTimeCoderTests
{
    private static InMemoryArrayDataset TimeFile(double[] values, string units, string? calendar = null, string name = "time")
    {
        var attributes = new List<(string, AttributeValue)> { ("units", AttributeValue.FromText(units)) };
        if (calendar is not null)
            attributes.Add(("calendar", AttributeValue.FromText(calendar)));
        return new InMemoryArrayDataset("/data/t.nc").AddCoordinate(name, values, [.. attributes]);
    }

    [Fact]
    public void Decode_ReadsEra5LegacyHourlyTimes()
    {
        // python3: datetime(1900,1,1) + timedelta(hours=1051896) == datetime(2020,1,1)
        var axis = CfTimeCoder.Decode(TimeFile([1051896, 1051897, 1051898], "hours since 1900-01-01 00:00:00.0", "gregorian"), "time");
        Assert.Equal("2020-01-01 00:00:00", axis.Summary.First.ToString());
        Assert.Equal("2020-01-01 02:00:00", axis.Summary.Last.ToString());
        Assert.Equal(TimeSpan.FromHours(1), axis.Summary.RegularStep);
        Assert.Equal("1 hour", axis.Summary.StepDescription);
        Assert.Equal(CfCalendar.Standard, axis.Calendar);
    }

    [Fact]
    public void Decode_ReadsNewCdsValidTimeInSeconds()
    {
        var axis = CfTimeCoder.Decode(TimeFile([1577836800, 1577923200], "seconds since 1970-01-01", name: "valid_time"), "valid_time");
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), axis.Times[0].ToDateTime());
        Assert.Equal("1 day", axis.Summary.StepDescription);
    }

    [Fact]
    public void Decode_UsesTheCalendarAttribute()
    {
        var axis = CfTimeCoder.Decode(TimeFile([58, 59], "days since 2001-01-01", "noleap"), "time");
        Assert.Equal("2001-02-28 00:00:00", axis.Times[0].ToString());
        Assert.Equal("2001-03-01 00:00:00", axis.Times[1].ToString());
    }

    [Fact]
    public void Decode_Throws_NamingFileAndVariable_WhenTimesRepeat()
    {
        var e = Assert.Throws<InvalidInputException>(() => CfTimeCoder.Decode(TimeFile([0, 1, 1, 2], "days since 2000-01-01"), "time"));
        Assert.Equal(("/data/t.nc", "time"), (e.FilePath, e.Variable));
        Assert.Contains("twice", e.Detail);
    }

    [Fact]
    public void Decode_Throws_WhenTimesGoBackwards()
    {
        var e = Assert.Throws<InvalidInputException>(() => CfTimeCoder.Decode(TimeFile([0, 2, 1], "days since 2000-01-01"), "time"));
        Assert.Contains("not increasing", e.Detail);
    }

    [Fact]
    public void Decode_Throws_WhenUnitsAreMonths() =>
        Assert.Throws<InvalidInputException>(() => CfTimeCoder.Decode(TimeFile([0, 1], "months since 2000-01-01"), "time"));

    [Fact]
    public void Decode_Throws_WhenCalendarIsUnknown() =>
        Assert.Contains("calendar", Assert.Throws<InvalidInputException>(() =>
            CfTimeCoder.Decode(TimeFile([0, 1], "days since 2000-01-01", "lunar"), "time")).Detail);

    [Fact]
    public void Decode_Throws_WhenATimeIsTheFillValue()
    {
        var file = new InMemoryArrayDataset("/data/t.nc").AddCoordinate("time", [0, -1],
            ("units", AttributeValue.FromText("days since 2000-01-01")), ("_FillValue", AttributeValue.Of(-1.0)));
        Assert.Contains("missing", Assert.Throws<InvalidInputException>(() => CfTimeCoder.Decode(file, "time")).Detail);
    }

    [Fact]
    public void Decode_Throws_WhenVariableIsMissing() =>
        Assert.Equal("time", Assert.Throws<InvalidInputException>(() => CfTimeCoder.Decode(new InMemoryArrayDataset(), "time")).Variable);
}
