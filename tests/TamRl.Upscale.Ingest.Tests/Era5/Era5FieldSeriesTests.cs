using System.IO.Compression;
using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Ingest.Era5;
using TamRl.Upscale.Ingest.Tests.Fixtures;
using TamRl.Upscale.TestSupport;
using static TamRl.Upscale.Ingest.Tests.Fixtures.Era5Fixtures;

namespace TamRl.Upscale.Ingest.Tests.Era5;

public class Era5FieldSeriesTests
{
    /// <summary>Distinct in every cell and step: 250 K + latitude/10 + longitude (0..360)/100 + hours since 2020/1000.</summary>
    private static double Temperature(DateTime t, double lat, double lon) =>
        250 + lat / 10 + ((lon % 360) + 360) % 360 / 100 + (t - Utc(2020, 1, 1)).TotalHours / 1000;

    private static Era5FieldSeries OpenOne(Era5Layout layout, Era5Quantity quantity, params string[] paths)
    {
        var set = new Era5InputSet(layout, paths);
        return Era5FieldSeries.Open(quantity, [set]);
    }

    private static void AssertMatches(Era5FieldSeries series, DateTime time, Field field, double tolerance)
    {
        var g = series.Grid;
        var map = new float[g.Rows * g.Columns];
        series.Read(time, map);
        for (var r = 0; r < g.Rows; r++)
            for (var c = 0; c < g.Columns; c++)
                Assert.Equal(field(time, g.LatitudeOfRow(r), g.LongitudeOfColumn(c)), map[r * g.Columns + c], tolerance);
    }

    [Fact]
    public void Open_NewCdsGlobal_ReadsNorthToSouthWithLongitudesFromMinus180()
    {
        using var dir = new TempDirectory();
        var path = dir.File("era5.nc");
        WriteNewCds(path, StoredGrid.Global(30), Hours(Utc(2020, 1, 1), 3), new FixtureVariable("t2m", "K", Temperature));

        var series = OpenOne(Era5Layout.NewCds, Era5Quantity.T2m, path);

        Assert.Equal((7, 12), (series.Grid.Rows, series.Grid.Columns));
        Assert.Equal(90, series.Grid.LatitudeOfRow(0), 9);
        Assert.Equal(-180, series.Grid.LongitudeOfColumn(0), 9);
        Assert.True(series.IsHourly);
        AssertMatches(series, Utc(2020, 1, 1, 2), Temperature, 1e-4);
    }

    [Fact]
    public void Open_LegacyPackedFiles_DecodesEachWithItsOwnScaleBeforeJoining()
    {
        using var dir = new TempDirectory();
        var grid = StoredGrid.Global(30);
        // Day 2 spans another range, so its file's scale_factor and add_offset differ from day 1's.
        Field field = (t, lat, lon) => t.Day == 1 ? Temperature(t, lat, lon) : Temperature(t, lat, lon) + 40;
        WriteLegacy(dir.File("a.nc"), grid, Hours(Utc(2020, 1, 1), 24), null, new FixtureVariable("t2m", "K", field));
        WriteLegacy(dir.File("b.nc"), grid, Hours(Utc(2020, 1, 2), 24), null, new FixtureVariable("t2m", "K", field));
        Assert.NotEqual(Ncdump.Header(dir.File("a.nc")).Split('\n').First(l => l.Contains("add_offset")),
            Ncdump.Header(dir.File("b.nc")).Split('\n').First(l => l.Contains("add_offset")));

        var series = OpenOne(Era5Layout.Legacy, Era5Quantity.T2m, dir.File("b.nc"), dir.File("a.nc"));

        Assert.Equal(48, series.Times.Count);
        AssertMatches(series, Utc(2020, 1, 1, 5), field, 1e-3);
        AssertMatches(series, Utc(2020, 1, 2, 17), field, 1e-3);
    }

    [Fact]
    public void Open_LegacyWithExpver_MergesEra5AndEra5TIntoOneSeries()
    {
        using var dir = new TempDirectory();
        var path = dir.File("expver.nc");
        WriteLegacy(path, StoredGrid.Global(30), Hours(Utc(2020, 1, 1), 6), expverSplit: 4, new FixtureVariable("t2m", "K", Temperature));

        var series = OpenOne(Era5Layout.Legacy, Era5Quantity.T2m, path);

        Assert.Equal(6, series.Times.Count);
        AssertMatches(series, Utc(2020, 1, 1, 1), Temperature, 1e-3); // from expver 1
        AssertMatches(series, Utc(2020, 1, 1, 5), Temperature, 1e-3); // from expver 5
    }

    [Fact]
    public void Open_ZipOfPerStepTypeFiles_FindsInstantAndAccumulatedVariables()
    {
        using var dir = new TempDirectory();
        var members = Directory.CreateDirectory(dir.File("members")).FullName;
        var grid = StoredGrid.Regional(50, 5, 3, 4, 0.25);
        var times = Hours(Utc(2020, 1, 1), 4);
        WriteNewCds(Path.Combine(members, "data_stream-oper_stepType-instant.nc"), grid, times, new FixtureVariable("t2m", "K", Temperature));
        WriteNewCds(Path.Combine(members, "data_stream-oper_stepType-accum.nc"), grid, times, new FixtureVariable("ssrd", "J m**-2", (t, _, _) => t.Hour * 1000));
        var zip = dir.File("request.zip");
        ZipFile.CreateFromDirectory(members, zip);

        using var set = new Era5InputSet(Era5Layout.NewCds, [zip]);
        var t2m = Era5FieldSeries.Open(Era5Quantity.T2m, [set]);
        var ssrd = Era5FieldSeries.Open(Era5Quantity.Ssrd, [set]);

        Assert.StartsWith(zip + "!", t2m.Files[0]);
        AssertMatches(t2m, Utc(2020, 1, 1, 3), Temperature, 1e-4);
        AssertMatches(ssrd, Utc(2020, 1, 1, 2), (_, _, _) => 2000, 0);
    }

    [Fact]
    public void Open_ArcoZarr_ReadsTheLongVariableNames()
    {
        using var dir = new TempDirectory();
        var store = dir.File("arco.zarr");
        WriteZarr(store, StoredGrid.Global(30), Hours(Utc(2020, 1, 1), 3), new FixtureVariable("2m_temperature", "K", Temperature));

        var series = OpenOne(Era5Layout.Zarr, Era5Quantity.T2m, store);

        Assert.Equal(3, series.Times.Count);
        AssertMatches(series, Utc(2020, 1, 1, 1), Temperature, 1e-4);
    }

    [Fact]
    public void Open_RealNewCdsSample_MatchesNcdumpValues()
    {
        var path = RepoPaths.RealData("era5", "new-cds-era5", "era5_surface_solar_radiation_downwards_2020-1.nc");

        var series = OpenOne(Era5Layout.NewCds, Era5Quantity.Ssrd, path);

        Assert.True(series.IsHourly);
        Assert.Equal(Utc(2020, 1, 1, 3), series.Times[^1]);
        var map = new float[16];
        series.Read(Utc(2020, 1, 1, 3), map);
        // Latitudes are stored descending and longitudes 0..0.75 already west to east: the canonical order is the stored one.
        var expected = Ncdump.Values(path, "ssrd").Skip(3 * 16).Take(16).ToArray();
        Assert.Equal(expected, map.Select(v => (double)v).ToArray());
    }

    [Fact]
    public void Open_WrongUnits_NamesTheFileVariableAndExpectedUnits()
    {
        using var dir = new TempDirectory();
        var path = dir.File("celsius.nc");
        WriteNewCds(path, StoredGrid.Global(30), Hours(Utc(2020, 1, 1), 2), new FixtureVariable("t2m", "degC", Temperature));

        var e = Assert.Throws<InvalidInputException>(() => OpenOne(Era5Layout.NewCds, Era5Quantity.T2m, path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal("t2m", e.Variable);
        Assert.Contains("units 'degC', expected 'K'", e.Message);
    }

    [Fact]
    public void Open_MissingVariable_NamesTheFilesSearched()
    {
        using var dir = new TempDirectory();
        var path = dir.File("no-d2m.nc");
        WriteNewCds(path, StoredGrid.Global(30), Hours(Utc(2020, 1, 1), 2), new FixtureVariable("t2m", "K", Temperature));

        var e = Assert.Throws<InvalidInputException>(() => OpenOne(Era5Layout.NewCds, Era5Quantity.D2m, path));
        Assert.Equal("d2m", e.Variable);
        Assert.Contains(path, e.FilePath);
    }

    [Fact]
    public void Open_SameTimeInTwoFiles_NamesBothFiles()
    {
        using var dir = new TempDirectory();
        WriteNewCds(dir.File("a.nc"), StoredGrid.Global(30), Hours(Utc(2020, 1, 1), 3), new FixtureVariable("t2m", "K", Temperature));
        WriteNewCds(dir.File("b.nc"), StoredGrid.Global(30), Hours(Utc(2020, 1, 1, 2), 3), new FixtureVariable("t2m", "K", Temperature));

        var e = Assert.Throws<InvalidInputException>(() => OpenOne(Era5Layout.NewCds, Era5Quantity.T2m, dir.File("a.nc"), dir.File("b.nc")));
        Assert.Contains("2020-01-01 02:00", e.Message);
        Assert.Contains("a.nc", e.Message);
        Assert.Contains("b.nc", e.Message);
    }

    [Fact]
    public void Open_TimesGoingBackInAFile_NamesTheTimeVariable()
    {
        using var dir = new TempDirectory();
        var path = dir.File("backwards.nc");
        WriteNewCds(path, StoredGrid.Global(30), [Utc(2020, 1, 1, 0), Utc(2020, 1, 1, 2), Utc(2020, 1, 1, 1)], new FixtureVariable("t2m", "K", Temperature));

        var e = Assert.Throws<InvalidInputException>(() => OpenOne(Era5Layout.NewCds, Era5Quantity.T2m, path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal("valid_time", e.Variable);
    }
}
