using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Ingest.Era5;
using TamRl.Upscale.SampleWorld;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Ingest.Tests.Era5;

/// <summary>Ingest reads the sample world's ERA5 files, which carry the new CDS's string expver like the real ones.</summary>
public class SampleWorldEra5Tests
{
    [Fact]
    public void NewCdsFiles_WithAStringExpverAlongValidTime_AreReadByIngest()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "w");
        SampleWorldGenerator.Generate(new SampleWorldOptions
        {
            OutputDirectory = root, Resolution = 2, StartYear = 2019, StartMonth = 1, EndYear = 2019, EndMonth = 1, Seed = 3,
            Box = new BoundingBox(0, 40, 10, 50), RealDataDirectory = RepoPaths.RealData(), Towers = false,
        });
        var daily = Path.Combine(root, "era5", "new-cds", "era5_daily_2019-01.nc");
        var hourly = Path.Combine(root, "era5", "hourly", "era5_hourly_2019-01.nc");
        foreach (var path in new[] { daily, hourly })
        {
            Assert.Contains("string expver(valid_time)", Ncdump.Header(path));
            Assert.Contains("expver = \"0001\", \"0001\"", ExternalTool.RunOk("ncdump", "-v", "expver", path));
        }

        using var set = new Era5InputSet(Era5Layout.NewCds, [daily]);
        var series = Era5FieldSeries.Open(Era5Quantity.T2m, [set]);
        Assert.Equal(31, series.Times.Count);
        var map = new float[series.Grid.Rows * series.Grid.Columns];
        series.Read(new DateTime(2019, 1, 10, 0, 0, 0, DateTimeKind.Utc), map);
        // ncdump's values of the same day (file order: latitude descending, longitude 0..360; the box lies east of 0).
        var cells = series.Grid.Rows * series.Grid.Columns;
        var expected = Ncdump.Values(daily, "t2m").Skip(9 * cells).Take(cells).ToArray();
        Assert.Equal(expected.Select(v => (float)v), map);

        using var hourlySet = new Era5InputSet(Era5Layout.NewCds, [hourly]);
        Assert.True(Era5FieldSeries.Open(Era5Quantity.T2m, [hourlySet]).IsHourly);
    }
}
