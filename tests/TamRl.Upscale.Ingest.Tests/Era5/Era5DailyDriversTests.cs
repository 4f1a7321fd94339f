using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Ingest.Era5;
using TamRl.Upscale.Ingest.Tests.Fixtures;
using TamRl.Upscale.TestSupport;
using static TamRl.Upscale.Ingest.Tests.Fixtures.Era5Fixtures;

namespace TamRl.Upscale.Ingest.Tests.Era5;

public class Era5DailyDriversTests
{
    private static readonly StoredGrid Grid = StoredGrid.Regional(50, 5, 2, 3, 0.25);

    private static FixtureVariable[] ConstantHourly() =>
    [
        new("t2m", "K", (_, _, _) => 293.15),        // 20 degC
        new("d2m", "K", (_, _, _) => 283.15),        // 10 degC
        new("ssrd", "J m**-2", (_, _, _) => 360000), // 100 W m-2 over each hour
        new("tp", "m", (_, _, _) => 0.0001),         // 0.1 mm each hour
        new("swvl1", "m**3 m**-3", (_, _, _) => 0.3),
    ];

    [Fact]
    public void Compute_ConvertsUnits_KelvinToCelsius_JoulesToWatts_MetresToMillimetres()
    {
        using var dir = new TempDirectory();
        var path = dir.File("hourly.nc");
        WriteNewCds(path, Grid, Hours(Utc(2020, 1, 1), 49), ConstantHourly());
        using var set = new Era5InputSet(Era5Layout.NewCds, [path]);

        var maps = Era5DailyDrivers.Open([set]).Compute(new DateOnly(2020, 1, 1)).ToDictionary(m => m.Feature, m => m.Values);

        Assert.All(maps["ta"], v => Assert.Equal(20f, v, 4));
        Assert.All(maps["ta_min"], v => Assert.Equal(20f, v, 4));
        Assert.All(maps["ta_max"], v => Assert.Equal(20f, v, 4));
        Assert.All(maps["sw_in"], v => Assert.Equal(100f, v, 3));
        Assert.All(maps["precip"], v => Assert.Equal(2.4f, v, 4));
        Assert.All(maps["swc"], v => Assert.Equal(0.3f, v, 6));
        // WMO saturation vapour pressures over water: 23.39 hPa at 20 degC, 12.28 hPa at 10 degC.
        Assert.All(maps["vpd"], v => Assert.Equal(23.39 - 12.28, v, 0.06));
    }

    [Fact]
    public void Compute_VpdIsTheMeanOfHourlyDeficits_NotTheDeficitOfMeans()
    {
        using var dir = new TempDirectory();
        var path = dir.File("hourly.nc");
        var vars = ConstantHourly();
        vars[0] = new("t2m", "K", (t, _, _) => t.Hour < 12 ? 283.15 : 303.15); // 10 or 30 degC
        vars[1] = new("d2m", "K", (_, _, _) => 273.15);
        WriteNewCds(path, Grid, Hours(Utc(2020, 1, 1), 25), vars);
        using var set = new Era5InputSet(Era5Layout.NewCds, [path]);

        var vpd = Era5DailyDrivers.Open([set]).Compute(new DateOnly(2020, 1, 1)).Single(m => m.Feature == "vpd").Values;

        var expected = (VapourPressure.Deficit(10, 0) + VapourPressure.Deficit(30, 0)) / 2;
        Assert.All(vpd, v => Assert.Equal(expected, v, 1e-3));
        Assert.NotEqual(VapourPressure.Deficit(20, 0), vpd[0], 0.5);
    }

    [Fact]
    public void Compute_GlobalHourlyFile_PutsEveryValueOnItsCanonicalCell()
    {
        using var dir = new TempDirectory();
        var path = dir.File("global.nc");
        static double East(double lon) => ((lon % 360) + 360) % 360;
        var vars = ConstantHourly();
        vars[0] = new("t2m", "K", (t, lat, lon) => 280 + East(lon) / 10 + lat / 100 + t.Hour / 10.0);
        vars[1] = new("d2m", "K", (t, lat, lon) => 270 + East(lon) / 20);
        WriteNewCds(path, StoredGrid.Global(30), Hours(Utc(2020, 1, 1), 25), vars);
        using var set = new Era5InputSet(Era5Layout.NewCds, [path]);

        var maps = Era5DailyDrivers.Open([set]).Compute(new DateOnly(2020, 1, 1));
        var grid = maps[0].Grid;
        var byName = maps.ToDictionary(m => m.Feature, m => m.Values);

        for (var r = 0; r < grid.Rows; r++)
            for (var c = 0; c < grid.Columns; c++)
            {
                double lat = grid.LatitudeOfRow(r), east = East(grid.LongitudeOfColumn(c));
                var i = r * grid.Columns + c;
                Assert.Equal(280 + east / 10 + lat / 100 + 1.15 - 273.15, byName["ta"][i], 3);
                Assert.Equal(280 + east / 10 + lat / 100 + 2.3 - 273.15, byName["ta_max"][i], 3);
                Assert.Equal(280 + east / 10 + lat / 100 - 273.15, byName["ta_min"][i], 3);
                var vpd = Enumerable.Range(0, 24).Average(h => VapourPressure.Deficit(280 + east / 10 + lat / 100 + h / 10.0 - 273.15, 270 + east / 20 - 273.15));
                Assert.Equal(vpd, byName["vpd"][i], 2e-3);
            }
    }

    [Fact]
    public void Compute_DailyInput_PassesTheDaysValuesThrough()
    {
        using var dir = new TempDirectory();
        var path = dir.File("daily.nc");
        WriteNewCds(path, Grid, Days(Utc(2020, 1, 1), 3),
            new("t2m", "K", (t, _, _) => 270 + t.Day), new("d2m", "K", (t, _, _) => 260 + t.Day),
            new("ssrd", "J m-2", (t, _, _) => 86400 * 10 * t.Day), new("tp", "m", (t, _, _) => 0.001 * t.Day), new("swvl1", "m3 m-3", (_, _, _) => 0.2));
        using var set = new Era5InputSet(Era5Layout.NewCds, [path]);

        var maps = Era5DailyDrivers.Open([set]).Compute(new DateOnly(2020, 1, 2)).ToDictionary(m => m.Feature, m => m.Values);

        Assert.Equal(272 - 273.15, maps["ta"][0], 4);
        Assert.Equal(20f, maps["sw_in"][0], 3);
        Assert.Equal(2f, maps["precip"][0], 4);
    }

    [Fact]
    public void RequireCoverage_AMonthMissingInTheMiddle_NamesTheMonthAndTheVariable()
    {
        using var dir = new TempDirectory();
        var vars = ConstantHourly();
        WriteNewCds(dir.File("era5_daily_2020-01.nc"), Grid, Days(Utc(2020, 1, 1), 31), vars);
        WriteNewCds(dir.File("era5_daily_2020-03.nc"), Grid, Days(Utc(2020, 3, 1), 31), vars);
        using var set = new Era5InputSet(Era5Layout.NewCds, [dir.File("era5_daily_2020-01.nc"), dir.File("era5_daily_2020-03.nc")]);
        var drivers = Era5DailyDrivers.Open([set]);

        var e = Assert.Throws<InvalidInputException>(() => drivers.RequireCoverage(new DateOnly(2020, 1, 1), new DateOnly(2020, 3, 31)));
        Assert.Equal("t2m", e.Variable);
        Assert.Contains("month 2020-02 missing", e.Message);
        Assert.Contains("era5_daily_2020-01.nc", e.Message);
        Assert.Contains("era5_daily_2020-03.nc", e.Message);
    }
}
