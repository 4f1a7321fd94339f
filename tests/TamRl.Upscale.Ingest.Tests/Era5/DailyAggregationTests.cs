using System.Globalization;
using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Ingest.Era5;
using TamRl.Upscale.Ingest.Tests.Fixtures;
using TamRl.Upscale.TestSupport;
using static TamRl.Upscale.Ingest.Tests.Fixtures.Era5Fixtures;

namespace TamRl.Upscale.Ingest.Tests.Era5;

public class DailyAggregationTests
{
    private static readonly StoredGrid Grid = StoredGrid.Regional(50, 5, 2, 3, 0.25);

    private static Era5FieldSeries Series(string path, Era5Quantity quantity) =>
        Era5FieldSeries.Open(quantity, [new Era5InputSet(Era5Layout.NewCds, [path])]);

    [Fact]
    public void Instant_TakesMeanMinAndMaxOfHours00To23()
    {
        using var dir = new TempDirectory();
        var path = dir.File("t2m.nc");
        // Day 1: 270 + hour; the neighbouring days are far off, so a stray step shows.
        WriteNewCds(path, Grid, Hours(Utc(2019, 12, 31, 23), 26), new FixtureVariable("t2m", "K", (t, _, _) => t.Day == 1 ? 270 + t.Hour : 1000));
        var mean = new float[6];
        var min = new float[6];
        var max = new float[6];

        DailyAggregation.Instant(Series(path, Era5Quantity.T2m), new DateOnly(2020, 1, 1), mean, min, max);

        Assert.All(mean, v => Assert.Equal(281.5f, v));
        Assert.All(min, v => Assert.Equal(270f, v));
        Assert.All(max, v => Assert.Equal(293f, v));
    }

    [Fact]
    public void Instant_ADaySplitBetweenTwoFiles_AveragesAllItsHours()
    {
        using var dir = new TempDirectory();
        Field field = (t, _, lon) => 270 + t.Hour + lon;
        WriteNewCds(dir.File("a.nc"), Grid, Hours(Utc(2020, 1, 1, 0), 12), new FixtureVariable("t2m", "K", field));
        WriteNewCds(dir.File("b.nc"), Grid, Hours(Utc(2020, 1, 1, 12), 12), new FixtureVariable("t2m", "K", field));
        var series = Era5FieldSeries.Open(Era5Quantity.T2m, [new Era5InputSet(Era5Layout.NewCds, [dir.File("a.nc"), dir.File("b.nc")])]);
        var mean = new float[6];
        var max = new float[6];

        DailyAggregation.Instant(series, new DateOnly(2020, 1, 1), mean, max: max);

        Assert.Equal(281.5 + 5.0, mean[0], 4);  // column 0 at 5.0 E
        Assert.Equal(293 + 5.5, max[2], 4);     // column 2 at 5.5 E
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(1003)]
    public void AddWidened_EqualsTheScalarSum_ForAnyLength(int length)
    {
        var values = Enumerable.Range(0, length).Select(i => (float)(i * 0.37 - 50)).ToArray();
        var sum = Enumerable.Range(0, length).Select(i => i * 0.5).ToArray();
        var expected = sum.Zip(values, (s, v) => s + v).ToArray();

        DailyAggregation.AddWidened(values, sum);

        Assert.Equal(expected, sum);
    }

    [Fact]
    public void Accumulated_SumsSteps01To23AndTheNextDays00_TheHourEndingRule()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ssrd.nc");
        // A step belongs to day 1 when it closes an hour of day 1: stamped 01..23 of day 1 or 00 of day 2.
        WriteNewCds(path, Grid, Hours(Utc(2020, 1, 1, 0), 30), new FixtureVariable("ssrd", "J m**-2",
            (t, _, _) => (t.Day == 1 && t.Hour >= 1) || (t.Day == 2 && t.Hour == 0) ? 1 : 1000));
        var total = new float[6];

        DailyAggregation.Accumulated(Series(path, Era5Quantity.Ssrd), new DateOnly(2020, 1, 1), total);

        Assert.All(total, v => Assert.Equal(24f, v));
    }

    [Fact]
    public void Accumulated_LastDayOfTheData_ScalesItsTwentyThreeHours()
    {
        using var dir = new TempDirectory();
        var path = dir.File("tp.nc");
        WriteNewCds(path, Grid, Hours(Utc(2020, 1, 1, 0), 24), new FixtureVariable("tp", "m", (_, _, _) => 0.5));
        var total = new float[6];

        DailyAggregation.Accumulated(Series(path, Era5Quantity.Tp), new DateOnly(2020, 1, 1), total);

        Assert.All(total, v => Assert.Equal(12f, v, 5));
    }

    [Fact]
    public void Accumulated_MissingHourInside_NamesTheVariableAndHour()
    {
        using var dir = new TempDirectory();
        var path = dir.File("tp.nc");
        var times = Hours(Utc(2020, 1, 1, 0), 30).Where(t => t != Utc(2020, 1, 1, 7)).ToArray();
        WriteNewCds(path, Grid, times, new FixtureVariable("tp", "m", (_, _, _) => 0.5));

        var e = Assert.Throws<InvalidInputException>(() => DailyAggregation.Accumulated(Series(path, Era5Quantity.Tp), new DateOnly(2020, 1, 1), new float[6]));
        Assert.Equal("tp", e.Variable);
        Assert.Contains("2020-01-01 07:00", e.Message);
    }

    [Fact]
    public void InstantAndAccumulated_AgreeWithCdoDaymeanAndShiftedDaysum()
    {
        using var dir = new TempDirectory();
        var path = dir.File("hourly.nc");
        Field t2m = (t, lat, lon) => 260 + 10 * Math.Sin(t.Hour / 24.0 * 2 * Math.PI + lon) + lat / 10 + t.Day;
        Field ssrd = (t, lat, lon) => Math.Max(0, 3e5 * Math.Sin((t.Hour - 6) / 12.0 * Math.PI)) + lat + t.Day * 10;
        WriteNewCds(path, Grid, Hours(Utc(2020, 1, 1, 0), 24 * 3 + 1), new FixtureVariable("t2m", "K", t2m), new FixtureVariable("ssrd", "J m**-2", ssrd));
        var mean = new float[6];
        var sum = new float[6];

        DailyAggregation.Instant(Series(path, Era5Quantity.T2m), new DateOnly(2020, 1, 2), mean);
        DailyAggregation.Accumulated(Series(path, Era5Quantity.Ssrd), new DateOnly(2020, 1, 2), sum);

        // CDO, independently: daymean of day 2; hour-ending sums by shifting the stamps back one hour first.
        var cdoMean = CdoValues("-daymean", "-selname,t2m", path).Skip(6).Take(6).ToArray();
        // After the shift the first step (00 UTC of day 1) falls on Dec 31: day 2 is CDO's third day.
        var cdoSum = CdoValues("-daysum", "-shifttime,-1hour", "-selname,ssrd", path).Skip(12).Take(6).ToArray();
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(cdoMean[i], mean[i], 3);
            Assert.Equal(cdoSum[i], sum[i], cdoSum[i] * 1e-6);
        }
    }

    /// <summary>The values CDO computes, one per line (outputf), in storage order (our grid is stored north to south, west to east too).</summary>
    internal static double[] CdoValues(params string[] operatorsAndFile) =>
        ExternalTool.RunOk("cdo", ["-s", "-outputf,%.10g,1", .. operatorsAndFile])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
}
