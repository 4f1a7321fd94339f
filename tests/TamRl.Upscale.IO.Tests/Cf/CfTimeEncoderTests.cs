using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Cf;

public class CfTimeEncoderTests
{
    private static InMemoryArrayDataset TimeFile(double[] values, string units) =>
        new InMemoryArrayDataset("/data/t.nc").AddCoordinate("time", values,
            ("units", AttributeValue.FromText(units)), ("calendar", AttributeValue.FromText(CfTimeEncoder.Calendar)));

    [Theory]
    [InlineData(CfTimeEncoder.DaysSinceEpoch)]
    [InlineData(CfTimeEncoder.DaysSinceEpochMidnight)]
    public void Days_DecodeThroughTheCfTimeCoder_ToTheSameDays(string units)
    {
        var first = new DateOnly(2020, 2, 27);
        var axis = CfTimeCoder.Decode(TimeFile(CfTimeEncoder.Days(first, 4), units), "time");

        Assert.Equal(new[] { "2020-02-27", "2020-02-28", "2020-02-29", "2020-03-01" },
            axis.Times.Select(t => DateOnly.FromDateTime(t.ToDateTime()).ToString("yyyy-MM-dd")));
        Assert.All(axis.Times, t => Assert.Equal(TimeSpan.Zero, t.TimeOfDay));
    }

    [Fact]
    public void Days_CountFromTheUnixEpoch()
    {
        // python3: (date(2020,1,1) - date(1970,1,1)).days == 18262
        Assert.Equal(18262.0, CfTimeEncoder.Days(new DateOnly(2020, 1, 1)));
        Assert.Equal(0.0, CfTimeEncoder.Days(CfTimeEncoder.Epoch));
        Assert.Equal(18262.0 + 15.5, CfTimeEncoder.Middle(new DateOnly(2020, 1, 1), new DateOnly(2020, 2, 1)));
    }
}
