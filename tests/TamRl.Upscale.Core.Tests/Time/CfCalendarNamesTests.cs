using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Time;

namespace TamRl.Upscale.Core.Tests.Time;

public class CfCalendarNamesTests
{
    [Theory]
    [InlineData("standard", CfCalendar.Standard)]
    [InlineData("gregorian", CfCalendar.Standard)]
    [InlineData("Gregorian ", CfCalendar.Standard)]
    [InlineData("proleptic_gregorian", CfCalendar.ProlepticGregorian)]
    [InlineData("julian", CfCalendar.Julian)]
    [InlineData("noleap", CfCalendar.NoLeap)]
    [InlineData("365_day", CfCalendar.NoLeap)]
    [InlineData("all_leap", CfCalendar.AllLeap)]
    [InlineData("366_day", CfCalendar.AllLeap)]
    [InlineData("360_day", CfCalendar.Day360)]
    public void Parse_MapsEveryCfName(string name, CfCalendar expected) =>
        Assert.Equal(expected, CfCalendarNames.Parse(name, "f.nc", "time"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_ReturnsStandard_WhenAttributeIsAbsent(string? name) =>
        Assert.Equal(CfCalendar.Standard, CfCalendarNames.Parse(name, "f.nc", "time"));

    [Fact]
    public void Parse_Throws_NamingFileAndVariable_WhenCalendarIsUnknown()
    {
        var e = Assert.Throws<InvalidInputException>(() => CfCalendarNames.Parse("mayan", "/data/x.nc", "valid_time"));
        Assert.Equal("/data/x.nc", e.FilePath);
        Assert.Equal("valid_time", e.Variable);
        Assert.Contains("mayan", e.Message);
    }

    [Fact]
    public void ToCfName_WritesStandard_NotTheDeprecatedGregorian() =>
        Assert.Equal("standard", CfCalendarNames.Parse("gregorian", "f.nc", "t").ToCfName());
}
