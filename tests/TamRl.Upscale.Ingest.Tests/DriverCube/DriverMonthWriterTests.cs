using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Ingest.Tests.DriverCube;

public class DriverMonthWriterTests
{
    private static readonly CubeMonth February2021 = new(2021, 2);

    [Fact]
    public void Complete_WritesTheContractLayout_AsNcdumpReportsIt()
    {
        using var dir = new TempDirectory();
        var path = CubeFixture.WriteMonth(dir.Path, February2021);

        Assert.Equal("drivers_2021-02.nc", Path.GetFileName(path));
        Assert.Equal("netCDF-4", Ncdump.Kind(path));
        var header = Ncdump.Header(path, special: true);
        Assert.Contains("time = 28 ;", header);
        Assert.Contains("lat = 40 ;", header);
        Assert.Contains("lon = 70 ;", header);
        Assert.Contains(":Conventions = \"CF-1.10\" ;", header);
        Assert.Contains("time:units = \"days since 1970-01-01\" ;", header);
        Assert.Contains("time:calendar = \"standard\" ;", header);
        Assert.Contains("lat:units = \"degrees_north\" ;", header);
        Assert.Contains("lon:units = \"degrees_east\" ;", header);
        Assert.Contains("crs:grid_mapping_name = \"latitude_longitude\" ;", header);
        foreach (var feature in DriverFeatures.All)
        {
            Assert.Contains($"float {feature.Name}(time, lat, lon) ;", header);
            Assert.Contains($"{feature.Name}:units = \"{feature.Units}\" ;", header);
            Assert.Contains($"{feature.Name}:_FillValue = -9999.f ;", header);
            Assert.Contains($"{feature.Name}:_ChunkSizes = 8, 32, 32 ;", header);
            Assert.Contains($"{feature.Name}:_DeflateLevel = 2 ;", header);
        }
    }

    [Fact]
    public void Complete_StoresEveryValue_AndFillOverOcean_AsNcdumpReadsThem()
    {
        using var dir = new TempDirectory();
        var path = CubeFixture.WriteMonth(dir.Path, February2021);

        var time = Ncdump.Values(path, "time");
        Assert.Equal(new DateOnly(2021, 2, 1).DayNumber - new DateOnly(1970, 1, 1).DayNumber, time[0]);
        Assert.Equal(time[0] + 27, time[^1]);
        var lat = Ncdump.Values(path, "lat");
        Assert.Equal(59.75, lat[0]);
        Assert.Equal(40.25, lat[^1]);

        var vpd = Ncdump.Values(path, "vpd");
        var g = CubeFixture.Grid;
        var f = DriverFeatures.IndexOf("vpd");
        foreach (var (d, r, c) in new[] { (0, 0, 0), (27, 39, 49), (13, 5, 69), (3, 35, 60) })
        {
            var got = vpd[(d * g.Rows + r) * g.Columns + c];
            if (CubeFixture.IsLand(r, c))
                Assert.Equal(CubeFixture.Value(f, February2021.FirstDay.AddDays(d), r, c), got, 3);
            else
                Assert.True(double.IsNaN(got), "ncdump shows the fill value over ocean");
        }
    }

    [Fact]
    public void WriteDay_RefusesNaNOverLand_NamingTheFeatureAndCell()
    {
        using var dir = new TempDirectory();
        using var writer = DriverMonthWriter.Create(dir.File("drivers_2021-02.nc"), CubeFixture.Grid, February2021, CubeFixture.LandMask());
        var map = new float[CubeFixture.Grid.Rows * CubeFixture.Grid.Columns];
        map[75] = float.NaN;

        var e = Assert.Throws<InvalidInputException>(() => writer.WriteDay("ta", new DateOnly(2021, 2, 3), map));
        Assert.Equal("ta", e.Variable);
        Assert.Contains("2021-02-03", e.Message);
        Assert.Contains("row 1, column 5", e.Message);
    }

    [Fact]
    public void Complete_RefusesAMissingDay_AndDisposeLeavesNoFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("drivers_2021-02.nc");
        using (var writer = DriverMonthWriter.Create(path, CubeFixture.Grid, February2021))
        {
            var map = new float[CubeFixture.Grid.Rows * CubeFixture.Grid.Columns];
            foreach (var feature in DriverFeatures.Names)
                for (var d = 1; d <= 27; d++)
                    writer.WriteDay(feature, new DateOnly(2021, 2, d), map);
            var e = Assert.Throws<InvalidOperationException>(writer.Complete);
            Assert.Contains("2021-02-28", e.Message);
        }

        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void WriteDay_RefusesADayOfAnotherMonth_AndAnUnknownFeature()
    {
        using var dir = new TempDirectory();
        using var writer = DriverMonthWriter.Create(dir.File("drivers_2021-02.nc"), CubeFixture.Grid, February2021);
        var map = new float[CubeFixture.Grid.Rows * CubeFixture.Grid.Columns];

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteDay("ta", new DateOnly(2021, 3, 1), map));
        Assert.Throws<ArgumentException>(() => writer.WriteDay("gpp", new DateOnly(2021, 2, 1), map));
    }
}
