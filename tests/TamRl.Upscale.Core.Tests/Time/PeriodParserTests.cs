using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Time;

namespace TamRl.Upscale.Core.Tests.Time;

public class PeriodParserTests
{
    [Theory]
    [InlineData("2021", "2021-01-01", "2021-12-31")]
    [InlineData("2020-02", "2020-02-01", "2020-02-29")]
    [InlineData(" 2021-01-05..2021-02-10 ", "2021-01-05", "2021-02-10")]
    public void Parse_ReadsAYearAMonthOrARangeOfDays(string text, string first, string last) =>
        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(last)), PeriodParser.Parse(text, "products.period"));

    [Theory]
    [InlineData("2021-13", "expected YYYY, YYYY-MM or YYYY-MM-DD..YYYY-MM-DD, got '2021-13'")]
    [InlineData("21", "expected YYYY")]
    [InlineData("2021-1", "expected YYYY")]
    [InlineData("2021-02-01..2021-01-01", "the period ends (2021-01-01) before it starts (2021-02-01)")]
    [InlineData("2021-01..2021-02", "expected YYYY")]
    public void Parse_RefusesWhatIsNotAPeriod_NamingTheField(string text, string expected)
    {
        var e = Assert.Throws<InvalidValueException>(() => PeriodParser.Parse(text, "products.period"));

        Assert.StartsWith("products.period: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("2024-03", "2024-03-01", "2024-03-31")]
    [InlineData("2023-11..2024-02", "2023-11-01", "2024-02-29")]
    public void ParseMonths_ReadsOneMonthOrARange_WholeMonths(string text, string first, string last) =>
        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(last)), PeriodParser.ParseMonths(text, "--period"));

    [Theory]
    [InlineData("2024-13", "expected YYYY-MM or YYYY-MM..YYYY-MM")]
    [InlineData("March", "expected YYYY-MM or YYYY-MM..YYYY-MM")]
    [InlineData("2024-01..2024-02..2024-03", "expected YYYY-MM or YYYY-MM..YYYY-MM")]
    [InlineData("2024-05..2024-01", "the period ends (2024-01) before it starts (2024-05)")]
    public void ParseMonths_RefusesWhatIsNotMonths_NamingTheField(string text, string expected)
    {
        var e = Assert.Throws<InvalidValueException>(() => PeriodParser.ParseMonths(text, "--period"));

        Assert.Equal("--period", e.Field);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("2019-00")]
    [InlineData("2019-1")]
    [InlineData("201９-01")]
    [InlineData("2019-01-01")]
    [InlineData("")]
    public void ParseMonth_RefusesWhatIsNotYYYYMM_NamingTheField(string text)
    {
        var e = Assert.Throws<InvalidValueException>(() => PeriodParser.ParseMonth(text, "--start"));

        Assert.Equal($"--start: expected a month as YYYY-MM, got '{text}'", e.Message);
        Assert.False(PeriodParser.TryParseMonth(text, out _));
    }

    [Fact]
    public void ParseMonth_GivesTheMonthsFirstDay() =>
        Assert.Equal(new DateOnly(2019, 12, 1), PeriodParser.ParseMonth("2019-12", "sampleWorld.end"));
}
