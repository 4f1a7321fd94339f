using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Ingest.Tests.DriverCube;

public class DriverCubeReaderTests
{
    private static readonly CubeMonth Jan = new(2021, 1), Feb = new(2021, 2), Mar = new(2021, 3);

    [Fact]
    public void Open_FindsTheGridAndTheMonths()
    {
        using var dir = new TempDirectory();
        CubeFixture.Write(dir.Path, Jan, Feb);
        using var cube = DriverCubeReader.Open(dir.Path);

        Assert.Equal(CubeFixture.Grid, cube.Grid);
        Assert.Equal(new[] { Jan, Feb }, cube.Months);
        Assert.Equal(new DateOnly(2021, 1, 1), cube.FirstDay);
        Assert.Equal(new DateOnly(2021, 2, 28), cube.LastDay);
        Assert.Equal(DriverFeatures.Names, cube.Features);
    }

    [Fact]
    public void ReadDayMap_ReturnsThatDaysValues_AndNaNOverOcean()
    {
        using var dir = new TempDirectory();
        CubeFixture.Write(dir.Path, Jan, Feb);
        using var cube = DriverCubeReader.Open(dir.Path);
        var day = new DateOnly(2021, 2, 17);

        var map = cube.ReadDayMap("sw_in", day);

        var f = DriverFeatures.IndexOf("sw_in");
        var g = CubeFixture.Grid;
        Assert.Equal(g.Rows * g.Columns, map.Length);
        for (var r = 0; r < g.Rows; r++)
            for (var c = 0; c < g.Columns; c++)
                if (CubeFixture.IsLand(r, c))
                    Assert.Equal(CubeFixture.Value(f, day, r, c), map[r * g.Columns + c]);
                else
                    Assert.True(float.IsNaN(map[r * g.Columns + c]));
    }

    [Fact]
    public void ReadPixelSeries_SpansMonths_ForPixelsInSeveralChunkBlocks()
    {
        using var dir = new TempDirectory();
        CubeFixture.Write(dir.Path, Jan, Feb, Mar);
        using var cube = DriverCubeReader.Open(dir.Path);
        (int, int)[] pixels = [(0, 0), (39, 49), (5, 40), (31, 3), (0, 1), (35, 60)];
        DateOnly first = new(2021, 1, 20), last = new(2021, 3, 5);

        var series = cube.ReadPixelSeries(pixels, first, last);

        Assert.Equal(45, series.Days);
        Assert.Equal(DriverFeatures.Names, series.Features);
        for (var p = 0; p < pixels.Length; p++)
            for (var d = 0; d < series.Days; d++)
                for (var f = 0; f < DriverFeatures.All.Count; f++)
                {
                    var (r, c) = pixels[p];
                    var got = series[p, d, f];
                    if (CubeFixture.IsLand(r, c))
                        Assert.Equal(CubeFixture.Value(f, first.AddDays(d), r, c), got);
                    else
                        Assert.True(float.IsNaN(got));
                }
    }

    [Fact]
    public void ReadPixelSeries_KeepsAtMostTwoMonthFilesOpen_AndReopensOnesItClosed()
    {
        using var dir = new TempDirectory();
        CubeFixture.Write(dir.Path, Jan, Feb, Mar);
        using var cube = DriverCubeReader.Open(dir.Path);

        cube.ReadPixelSeries([(3, 4)], new DateOnly(2021, 1, 1), new DateOnly(2021, 3, 31));
        Assert.Equal(2, cube.OpenMonthFiles);

        var jan = cube.ReadDayMap("ta", new DateOnly(2021, 1, 9));
        Assert.Equal(CubeFixture.Value(0, new DateOnly(2021, 1, 9), 3, 4), jan[3 * CubeFixture.Grid.Columns + 4]);
        Assert.Equal(2, cube.OpenMonthFiles);
    }

    [Fact]
    public void ReadPixelSeries_IntoABuffer_FillsItAsTheAllocatingRead_AndRefusesABufferOfAnotherSize()
    {
        using var dir = new TempDirectory();
        CubeFixture.Write(dir.Path, Jan, Feb);
        using var cube = DriverCubeReader.Open(dir.Path);
        (int, int)[] pixels = [(39, 49), (0, 0), (5, 40)];
        DateOnly first = new(2021, 1, 28), last = new(2021, 2, 3);
        var buffer = new float[pixels.Length * 7 * DriverFeatures.All.Count];

        cube.ReadPixelSeries(pixels, first, last, DriverFeatures.Names, buffer);

        Assert.Equal(cube.ReadPixelSeries(pixels, first, last).Values, buffer);
        Assert.Throws<ArgumentException>(() => cube.ReadPixelSeries(pixels, first, last, DriverFeatures.Names, new float[buffer.Length - 1]));
    }

    [Fact]
    public void ReadDayMap_AfterASeriesReadOfTheSameMonth_StillReturnsTheDaysMap()
    {
        // Series reads bypass the chunk cache; a map read afterwards gives the variable one again.
        using var dir = new TempDirectory();
        CubeFixture.Write(dir.Path, Jan);
        using var cube = DriverCubeReader.Open(dir.Path);
        cube.ReadPixelSeries([(3, 4)], new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 31));

        var f = DriverFeatures.IndexOf("ta");
        foreach (var day in new[] { new DateOnly(2021, 1, 9), new DateOnly(2021, 1, 10) })
        {
            var map = cube.ReadDayMap("ta", day);
            for (var r = 0; r < CubeFixture.Grid.Rows; r++)
                for (var c = 0; c < CubeFixture.Grid.Columns; c++)
                    if (CubeFixture.IsLand(r, c))
                        Assert.Equal(CubeFixture.Value(f, day, r, c), map[r * CubeFixture.Grid.Columns + c]);
        }
        Assert.Equal(CubeFixture.Value(f, new DateOnly(2021, 1, 5), 3, 4), cube.ReadPixelSeries([(3, 4)], new DateOnly(2021, 1, 5), new DateOnly(2021, 1, 5)).Values[f]);
    }

    [Fact]
    public void ReadPixelSeries_ReadsASubsetOfFeatures_InTheOrderAskedFor()
    {
        using var dir = new TempDirectory();
        CubeFixture.Write(dir.Path, Jan);
        using var cube = DriverCubeReader.Open(dir.Path);

        var series = cube.ReadPixelSeries([(7, 8)], new DateOnly(2021, 1, 3), new DateOnly(2021, 1, 4), ["lst", "ta"]);

        Assert.Equal(CubeFixture.Value(DriverFeatures.IndexOf("lst"), new DateOnly(2021, 1, 4), 7, 8), series[0, 1, 0]);
        Assert.Equal(CubeFixture.Value(DriverFeatures.IndexOf("ta"), new DateOnly(2021, 1, 3), 7, 8), series.Series(0, "ta")[0]);
    }

    [Fact]
    public void ReadPixelSeries_RefusesAPeriodOutsideTheCube()
    {
        using var dir = new TempDirectory();
        CubeFixture.Write(dir.Path, Jan);
        using var cube = DriverCubeReader.Open(dir.Path);

        var e = Assert.Throws<InvalidInputException>(() => cube.ReadPixelSeries([(1, 1)], new DateOnly(2021, 1, 20), new DateOnly(2021, 2, 2)));
        Assert.Contains("2021-02-02", e.Message);
    }

    [Fact]
    public void ReadStatic_RoundTripsTheStaticFields()
    {
        using var dir = new TempDirectory();
        CubeFixture.Write(dir.Path, Jan);
        using var cube = DriverCubeReader.Open(dir.Path);

        var got = cube.ReadStatic();
        var expected = CubeFixture.Static();

        Assert.Equal(expected.Igbp, got.Igbp);
        Assert.Equal(expected.Koppen, got.Koppen);
        Assert.Equal(expected.LandFraction, got.LandFraction);
        Assert.Equal(expected.Elevation, got.Elevation);
    }

    [Fact]
    public void Open_RefusesAMonthMissingInTheMiddle_NamingIt()
    {
        using var dir = new TempDirectory();
        CubeFixture.Write(dir.Path, Jan, Mar);

        var e = Assert.Throws<InvalidInputException>(() => DriverCubeReader.Open(dir.Path));
        Assert.Contains("drivers_2021-02.nc", e.FilePath);
    }

    [Fact]
    public void Open_RefusesAFolderWithoutStaticFile()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<InvalidInputException>(() => DriverCubeReader.Open(dir.Path));
        Assert.EndsWith("static.nc", e.FilePath);
    }

    [Theory]
    [InlineData(59.9, -9.9, 0, 0)]
    [InlineData(40.1, 24.9, 39, 69)]
    [InlineData(50.0, 0.0, 20, 20)]
    public void TryLocate_FindsTheCellHoldingAPoint(double lat, double lon, int row, int column)
    {
        using var dir = new TempDirectory();
        CubeFixture.Write(dir.Path, Jan);
        using var cube = DriverCubeReader.Open(dir.Path);

        Assert.True(cube.TryLocate(lat, lon, out var r, out var c));
        Assert.Equal((row, column), (r, c));
        Assert.False(cube.TryLocate(61, 0, out _, out _));
    }
}
