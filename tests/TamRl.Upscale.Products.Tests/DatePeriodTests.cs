namespace TamRl.Upscale.Products.Tests;

public class DatePeriodTests
{
    [Theory]
    [InlineData("2021", "2021-01-01", "2021-12-31", "2021")]
    [InlineData("2020-02", "2020-02-01", "2020-02-29", "2020-02")]
    [InlineData("2021-01-05..2021-02-10", "2021-01-05", "2021-02-10", "2021-01-05_2021-02-10")]
    public void Parse_ReadsYearsMonthsAndRanges_AndKeyNamesThem(string text, string first, string last, string key)
    {
        var p = DatePeriod.Parse(text);

        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(last), key), (p.First, p.Last, p.Key));
    }

    [Fact]
    public void Months_AreClippedToThePeriod()
    {
        var months = DatePeriod.Parse("2021-01-05..2021-03-10").Months().ToArray();

        Assert.Equal(["2021-01-05..2021-01-31", "2021-02-01..2021-02-28", "2021-03-01..2021-03-10"], months.Select(m => m.ToString()));
        Assert.Equal(DatePeriod.Parse("2021-01-05..2021-03-10").Days, months.Sum(m => m.Days));
    }

    [Theory]
    [InlineData("2021-13")]
    [InlineData("21")]
    [InlineData("2021-02-01..2021-01-01")]
    public void Parse_RefusesWhatIsNotAPeriod(string text) =>
        Assert.ThrowsAny<Exception>(() => DatePeriod.Parse(text));
}
