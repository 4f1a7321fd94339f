using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Ingest.Modis;
using TamRl.Upscale.Ingest.Tests.Fixtures;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Ingest.Tests.Modis;

public class ModisDailyDriversTests
{
    // 1-degree cells, stored south to north: 40.5..43.5 N, 10.5..13.5 E.
    private static readonly double[] Latitudes = [40.5, 41.5, 42.5, 43.5];
    private static readonly double[] Longitudes = [10.5, 11.5, 12.5, 13.5];
    private static readonly RegularLatLonGrid Target = new(4, 4, 10, 44, 1, 1);
    private static readonly ModisInputConfig Config = new() { Paths = ["unused"] };

    private static (double, double, double, ushort) Good(DateOnly s, double lat, double lon) =>
        (0.5 + lat / 1000, 0.3, 300 + lat / 10, 0);

    [Fact]
    public void Daily_DecodesScaleAndConvertsLstToCelsius_OnTheCanonicalGrid()
    {
        using var dir = new TempDirectory();
        var path = dir.File("modis_2020.nc");
        ModisFixtures.Write(path, Latitudes, Longitudes, ModisFixtures.CompositeStarts(2020), Good);
        var modis = new ModisDailyDrivers([(Config, [path])], Target);

        var day = new DateOnly(2020, 1, 5);
        var ndvi = modis.Daily("ndvi", day, day)[0];
        var lst = modis.Daily("lst", day, day)[0];

        Assert.Equal(0.5 + 43.5 / 1000, ndvi[0], 4); // row 0 is the northernmost
        Assert.Equal(0.5 + 40.5 / 1000, ndvi[12], 4);
        Assert.Equal(300 + 42.5 / 10 - 273.15, lst[5], 0.011); // row 1 = 42.5 N; packing step 0.02 K
    }

    [Fact]
    public void Daily_DropsCompositesWhoseQaSaysCloudy_AndInterpolatesOverThem()
    {
        using var dir = new TempDirectory();
        var path = dir.File("modis_2020.nc");
        // The composite of Jan 9 is cloudy (QA bits 0-1 = 10) with a wild value that must not show.
        ModisFixtures.Write(path, Latitudes, Longitudes, ModisFixtures.CompositeStarts(2020), (s, lat, lon) =>
            s == new DateOnly(2020, 1, 9) ? (0.99, 0.99, 350.0, (ushort)2) : (s.DayOfYear < 9 ? 0.2 : 0.6, 0.3, 300.0, (ushort)0));
        var modis = new ModisDailyDrivers([(Config, [path])], Target);

        // Centres: Jan 1 + 4 d (0.2) and Jan 17 + 4 d (0.6); Jan 13 at noon is 8.5 of their 16 days apart.
        var day = new DateOnly(2020, 1, 13);
        var ndvi = modis.Daily("ndvi", day, day)[0];

        Assert.All(ndvi, v => Assert.Equal(0.2 + 0.4 * 8.5 / 16, v, 4));
    }

    [Fact]
    public void Daily_TheYearsLastShorterWindow_IsCentredOnItsOwnLength()
    {
        using var dir = new TempDirectory();
        var path = dir.File("modis_2020.nc");
        // 2020's last window starts on day 361 (26 December) and lasts 6 days: centre 29 December 00:00.
        ModisFixtures.Write(path, Latitudes, Longitudes, ModisFixtures.CompositeStarts(2020), (s, lat, lon) =>
            (s.DayOfYear == 361 ? 0.6 : 0.2, 0.3, 300.0, (ushort)0));
        var modis = new ModisDailyDrivers([(Config, [path])], Target);

        var day = new DateOnly(2020, 12, 28); // noon: 6.5 of the 7 days from the previous centre (22 December)
        Assert.All(modis.Daily("ndvi", day, day)[0], v => Assert.Equal(0.2 + 0.4 * 6.5 / 7, v, 4));
    }

    [Fact]
    public void Daily_FillValuesAreGaps_NotNumbers()
    {
        using var dir = new TempDirectory();
        var path = dir.File("modis_2020.nc");
        ModisFixtures.Write(path, Latitudes, Longitudes, ModisFixtures.CompositeStarts(2020), (s, lat, lon) =>
            (s.DayOfYear == 9 ? double.NaN : 0.5, 0.3, 300.0, (ushort)0));
        var modis = new ModisDailyDrivers([(Config, [path])], Target);

        var day = new DateOnly(2020, 1, 13);
        Assert.All(modis.Daily("ndvi", day, day)[0], v => Assert.Equal(0.5f, v, 4));
    }

    [Fact]
    public void Daily_CoarseningOntoTheTarget_AveragesByArea()
    {
        using var dir = new TempDirectory();
        var path = dir.File("modis_2020.nc");
        ModisFixtures.Write(path, Latitudes, Longitudes, ModisFixtures.CompositeStarts(2020), (s, lat, lon) => (lon < 12 ? 0.2 : 0.6, 0.3, 300.0, (ushort)0));
        var coarse = new RegularLatLonGrid(2, 2, 10, 44, 2, 2);
        var modis = new ModisDailyDrivers([(Config, [path])], coarse);

        var ndvi = modis.Daily("ndvi", new DateOnly(2020, 2, 1), new DateOnly(2020, 2, 1))[0];

        Assert.Equal([0.2f, 0.6f, 0.2f, 0.6f], ndvi.Select(v => MathF.Round(v, 4)).ToArray());
    }

    [Fact]
    public void Daily_LstInCelsiusUnits_IsRefusedNamingTheVariable()
    {
        using var dir = new TempDirectory();
        var path = dir.File("modis_2020.nc");
        ModisFixtures.Write(path, Latitudes, Longitudes, ModisFixtures.CompositeStarts(2020), Good, lstUnits: "degC");
        var modis = new ModisDailyDrivers([(Config, [path])], Target);

        var e = Assert.Throws<InvalidInputException>(() => modis.Daily("lst", new DateOnly(2020, 1, 5), new DateOnly(2020, 1, 5)));
        Assert.Equal("lst_day", e.Variable);
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void Constructor_CompositesNotCoveringTheTarget_AreRefused()
    {
        using var dir = new TempDirectory();
        var path = dir.File("modis_2020.nc");
        ModisFixtures.Write(path, Latitudes, Longitudes, ModisFixtures.CompositeStarts(2020), Good);

        var e = Assert.Throws<InvalidInputException>(() => new ModisDailyDrivers([(Config, [path])], new RegularLatLonGrid(4, 4, 10, 46, 1, 1)));
        Assert.Equal(path, e.FilePath);
        Assert.Equal("ndvi", e.Variable);
    }

    [Fact]
    public void RequireCoverage_MissingComposites_NamesTheGap()
    {
        using var dir = new TempDirectory();
        var path = dir.File("modis_2020.nc");
        var starts = ModisFixtures.CompositeStarts(2020).Where(s => s.Month != 3).ToArray();
        ModisFixtures.Write(path, Latitudes, Longitudes, starts, Good);
        var modis = new ModisDailyDrivers([(Config, [path])], Target);

        var e = Assert.Throws<InvalidInputException>(() => modis.RequireCoverage(new DateOnly(2020, 2, 1), new DateOnly(2020, 4, 30)));
        Assert.Contains("missing", e.Message);
        Assert.Contains("2020-02-26", e.Message);
    }
}
