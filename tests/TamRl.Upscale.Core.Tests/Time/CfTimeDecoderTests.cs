using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Time;

namespace TamRl.Upscale.Core.Tests.Time;

public class CfTimeDecoderTests
{
    [Fact]
    public void Decode_UsesTheCalendarAttribute()
    {
        var decoder = CfTimeDecoder.Create("days since 2000-01-01", "360_day", "f.nc", "time");
        Assert.Equal(CfCalendar.Day360, decoder.Calendar);
        Assert.Equal("2000-12-30 00:00:00", decoder.Decode(359).ToString());
    }

    [Fact]
    public void Decode_UsesStandardCalendar_WhenAttributeIsAbsent()
    {
        var decoder = CfTimeDecoder.Create("days since 1582-10-04", null, "f.nc", "time");
        Assert.Equal("1582-10-15 00:00:00", decoder.Decode(1).ToString());
    }

    [Fact]
    public void Create_Throws_NamingFileAndVariable_WhenUnitsAreMissing()
    {
        var e = Assert.Throws<InvalidInputException>(() => CfTimeDecoder.Create(null, null, "/a.nc", "valid_time"));
        Assert.Equal("valid_time", e.Variable);
        Assert.Contains("units", e.Detail);
    }

    [Fact]
    public void Create_Throws_WhenCalendarIsUnknown()
    {
        var e = Assert.Throws<InvalidInputException>(() => CfTimeDecoder.Create("days since 2000-01-01", "lunar", "/a.nc", "time"));
        Assert.Contains("lunar", e.Detail);
    }

    [Fact]
    public void Decode_Throws_NamingFileAndVariable_WhenValueIsMissingOrOutOfRange()
    {
        var decoder = CfTimeDecoder.Create("days since 2000-01-01", null, "/a.nc", "time");
        Assert.Equal("/a.nc", Assert.Throws<InvalidInputException>(() => decoder.Decode(double.NaN)).FilePath);
        Assert.Equal("time", Assert.Throws<InvalidInputException>(() => decoder.Decode(1e12)).Variable);
    }

    [Fact]
    public void Decode_DecodesEveryValueOfASpan()
    {
        var decoder = CfTimeDecoder.Create("hours since 2020-01-01", "noleap", "f.nc", "time");
        var times = decoder.Decode([0, 24 * 59]);
        Assert.Equal("2020-03-01 00:00:00", times[1].ToString()); // noleap: no 29 February in 2020
    }
}
