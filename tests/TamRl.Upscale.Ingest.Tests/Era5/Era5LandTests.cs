using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Ingest.Era5;
using TamRl.Upscale.Ingest.Tests.Fixtures;
using TamRl.Upscale.TestSupport;
using static TamRl.Upscale.Ingest.Tests.Fixtures.Era5Fixtures;

namespace TamRl.Upscale.Ingest.Tests.Era5;

/// <summary>The era5-land layout: accumulations are running totals since 00 UTC; the 00 UTC step closes the previous day.</summary>
public class Era5LandTests
{
    private static readonly StoredGrid Grid = StoredGrid.Regional(60, 0, 2, 3, 0.1);

    /// <summary>The hour ending at t's own precipitation (m): rain in the afternoon, distinct per cell and day.</summary>
    private static double HourlyTp(DateTime t, double lat, double lon)
    {
        var ending = t.Hour == 0 ? 24 : t.Hour;
        return ending is >= 13 and <= 18 ? 1e-4 * (ending - 12) * (1 + lon) + lat * 1e-7 + t.AddHours(-1).Day * 1e-6 : 0;
    }

    /// <summary>ERA5-Land's running total at t: the sum since 00 UTC (the 00 UTC step holds the whole previous day).</summary>
    private static double RunningTp(DateTime t, double lat, double lon)
    {
        var ending = t.Hour == 0 ? 24 : t.Hour;
        var dayStart = t.AddHours(-ending);
        return Enumerable.Range(1, ending).Sum(h => HourlyTp(dayStart.AddHours(h), lat, lon));
    }

    private static Era5FieldSeries Open(Era5Layout layout, string path) =>
        Era5FieldSeries.Open(Era5Quantity.Tp, [new Era5InputSet(layout, [path])]);

    [Fact]
    public void Read_RunningTotals_GiveEachHoursOwnAccumulation()
    {
        using var dir = new TempDirectory();
        var path = dir.File("era5-land_tp.nc");
        WriteNewCds(path, Grid, Hours(Utc(2020, 1, 1), 49), new FixtureVariable("tp", "m", RunningTp));

        var series = Open(Era5Layout.Era5Land, path);
        var map = new float[6];

        foreach (var time in new[] { Utc(2020, 1, 1, 1), Utc(2020, 1, 1, 14), Utc(2020, 1, 1, 18), Utc(2020, 1, 2, 0), Utc(2020, 1, 2, 15) })
        {
            series.Read(time, map);
            for (var i = 0; i < 6; i++)
                Assert.Equal(HourlyTp(time, Grid.Latitudes[i / 3], Grid.Longitudes[i % 3]), map[i], 1e-7);
        }
    }

    [Fact]
    public void Accumulated_RunningTotals_DayTotalIsTheNextDays00UtcStep()
    {
        using var dir = new TempDirectory();
        var path = dir.File("era5-land_tp.nc");
        WriteNewCds(path, Grid, Hours(Utc(2020, 1, 1), 49), new FixtureVariable("tp", "m", RunningTp));
        var total = new float[6];

        DailyAggregation.Accumulated(Open(Era5Layout.Era5Land, path), new DateOnly(2020, 1, 1), total);

        for (var i = 0; i < 6; i++)
            Assert.Equal(RunningTp(Utc(2020, 1, 2), Grid.Latitudes[i / 3], Grid.Longitudes[i % 3]), total[i], 1e-6);
        Assert.True(total[0] > 1e-3);
    }

    [Fact]
    public void Accumulated_SameHoursAsHourlyEra5_EqualTheNewCdsLayoutsDayTotal()
    {
        using var dir = new TempDirectory();
        WriteNewCds(dir.File("land.nc"), Grid, Hours(Utc(2020, 1, 1), 49), new FixtureVariable("tp", "m", RunningTp));
        WriteNewCds(dir.File("era5.nc"), Grid, Hours(Utc(2020, 1, 1), 49), new FixtureVariable("tp", "m", HourlyTp));
        var land = new float[6];
        var era5 = new float[6];

        DailyAggregation.Accumulated(Open(Era5Layout.Era5Land, dir.File("land.nc")), new DateOnly(2020, 1, 1), land);
        DailyAggregation.Accumulated(Open(Era5Layout.NewCds, dir.File("era5.nc")), new DateOnly(2020, 1, 1), era5);

        for (var i = 0; i < 6; i++)
            Assert.Equal(era5[i], land[i], 1e-6);
    }

    [Fact]
    public void Accumulated_HourlyAccumulationsInTheEra5LandLayout_RefusedNamingFileVariableAndHours()
    {
        using var dir = new TempDirectory();
        var path = dir.File("not-running.nc");
        WriteNewCds(path, Grid, Hours(Utc(2020, 1, 1), 49), new FixtureVariable("tp", "m", HourlyTp));
        var total = new float[6];

        var e = Assert.Throws<InvalidInputException>(() => DailyAggregation.Accumulated(Open(Era5Layout.Era5Land, path), new DateOnly(2020, 1, 1), total));

        Assert.Equal((path, "tp"), (e.FilePath, e.Variable));
        Assert.Contains("not a running total", e.Message);
        Assert.Contains("at 2020-01-01 18:00 to 0 at 2020-01-01 19:00", e.Message); // the rain stops: an hourly series falls
    }

    [Fact]
    public void Open_RealNewCdsEra5LandFiles_ReadInTheEra5LandLayout()
    {
        var t2m = RepoPaths.RealData("era5", "new-cds-era5-land", "era5-land_air_temperature_2020-1.nc");
        var d2m = RepoPaths.RealData("era5", "new-cds-era5-land", "era5-land_dewpoint_temperature_2020-1.nc");
        using var set = new Era5InputSet(Era5Layout.Era5Land, [t2m, d2m]);

        var series = Era5FieldSeries.Open(Era5Quantity.T2m, [set]);

        Assert.Equal(Hours(Utc(2020, 1, 1), 4), series.Times);
        Assert.Equal(0.1, series.Grid.LatitudeResolution, 9);
        Assert.Equal([t2m], series.Files);
    }
}
