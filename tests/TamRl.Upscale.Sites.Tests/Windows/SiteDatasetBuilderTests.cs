using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Sites.Fluxnet;
using TamRl.Upscale.Sites.Tests.Fluxnet;
using TamRl.Upscale.Sites.Windows;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Sites.Tests.Windows;

public class SiteDatasetBuilderTests
{
    // 10 x 20 cells of 1 degree, latitudes 50..40, longitudes -100..-80
    private static readonly RegularLatLonGrid Grid = new(10, 20, -100, 50, 1, 1);
    private static readonly DateOnly Jan1 = new(2010, 1, 1);

    private static TowerSite Tower(TempDirectory dir, string id, double lat, double lon, DateOnly first, int days, string prefix = "FLX")
    {
        var rows = Enumerable.Range(0, days).Select(d => (first.AddDays(d).ToString("yyyyMMdd"), 1.0 + d, 0.5 + d * 0.5, d % 2 == 0 ? 1.0 : 0.5));
        var path = TowerCsv.Write(dir.Path, $"{prefix}_{id}_FLUXNET2015_FULLSET_DD_2010-2010_1-4.csv", rows);
        return new TowerSite(id, lat, lon, 4, 26, "FLUXNET2015", path);
    }

    [Fact]
    public void Build_JoinsEachTowersFluxesToTheDriversAtItsPixel()
    {
        using var dir = new TempDirectory();
        var source = new InMemoryDriverSource(Grid, Jan1, 60);
        var towers = new[] { Tower(dir, "US-Aaa", 45.5, -90.5, Jan1, 60), Tower(dir, "US-Bbb", 41.2, -81.7, Jan1, 60) };

        var result = SiteDatasetBuilder.Build(towers, "sites.csv", source);
        var ds = result.Dataset;

        Assert.Empty(result.Skipped);
        Assert.Equal(["US-Aaa", "US-Bbb"], ds.Sites.Select(s => s.Id));
        Assert.Equal(60, ds.DayCount);
        Assert.Equal(Jan1, ds.FirstDay);
        // US-Aaa at 45.5N, -90.5E: row 4, column 9; US-Bbb at 41.2N, -81.7E: row 8, column 18
        var nf = DriverFeatures.Names.Count;
        Assert.Equal(InMemoryDriverSource.Value(3, 7, 4, 9), ds.SiteDrivers(0)[7 * nf + 3]);
        Assert.Equal(InMemoryDriverSource.Value(0, 59, 8, 18), ds.SiteDrivers(1)[59 * nf]);
        Assert.Equal(1f + 7, ds.SiteSeries(ds.Gpp, 0)[7]);
        Assert.Equal(0.5f, ds.SiteSeries(ds.Qc, 1)[7]);
        Assert.Equal(1f, ds.SiteSeries(ds.Qc, 1)[8]);
        Assert.Equal(4, ds.Sites[0].Igbp);
        Assert.Equal(26, ds.Sites[0].Koppen);
        Assert.Single(source.Requests); // one read for all towers
    }

    [Fact]
    public void Build_FillsDaysOutsideATowersRecordWithNaN()
    {
        using var dir = new TempDirectory();
        var source = new InMemoryDriverSource(Grid, Jan1, 30);
        var towers = new[] { Tower(dir, "US-Aaa", 45.5, -90.5, Jan1.AddDays(10), 40) };

        var ds = SiteDatasetBuilder.Build(towers, "sites.csv", source).Dataset;

        var gpp = ds.SiteSeries(ds.Gpp, 0);
        Assert.True(float.IsNaN(gpp[9]));
        Assert.True(float.IsNaN(ds.SiteSeries(ds.Qc, 0)[0]));
        Assert.Equal(1f, gpp[10]); // the record's first day
        Assert.Equal(30, ds.DayCount);
    }

    [Fact]
    public void Build_TakesThePeriodAndWindowsFromTheOptions()
    {
        using var dir = new TempDirectory();
        var source = new InMemoryDriverSource(Grid, Jan1, 60);
        var towers = new[] { Tower(dir, "US-Aaa", 45.5, -90.5, Jan1, 60) };
        var options = new SiteExtractionOptions { FirstDay = Jan1.AddDays(5), LastDay = Jan1.AddDays(24), WindowLength = 10, WindowStride = 5 };

        var ds = SiteDatasetBuilder.Build(towers, "sites.csv", source, options).Dataset;

        Assert.Equal(20, ds.DayCount);
        Assert.Equal(Jan1.AddDays(5), ds.FirstDay);
        Assert.Equal(1f + 5, ds.Gpp[0]);
        Assert.Equal(InMemoryDriverSource.Value(0, 5, 4, 9), ds.Drivers[0]);
        Assert.Equal((10, 5), (ds.WindowLength, ds.WindowStride));
        Assert.Equal([0, 5, 10], ds.Windows().Select(w => w.Start));
    }

    [Fact]
    public void Build_RefusesATowerOutsideTheGrid_NamingTheSiteAndTable()
    {
        using var dir = new TempDirectory();
        var source = new InMemoryDriverSource(Grid, Jan1, 30);
        var towers = new[] { Tower(dir, "US-Aaa", 45.5, -90.5, Jan1, 30), Tower(dir, "BR-Far", -2.5, -54.9, Jan1, 30) };

        var e = Assert.Throws<InvalidInputException>(() => SiteDatasetBuilder.Build(towers, "towers/sites.csv", source));

        Assert.Equal("towers/sites.csv", e.FilePath);
        Assert.Contains("site 'BR-Far' at latitude -2.5, longitude -54.9 lies outside the driver grid", e.Message);
    }

    [Fact]
    public void Build_LeavesOutTowersOnOceanPixelsOrWithoutDataInThePeriod_AndSaysWhy()
    {
        using var dir = new TempDirectory();
        var source = new InMemoryDriverSource(Grid, Jan1, 30, ocean: (0, 0));
        var towers = new[]
        {
            Tower(dir, "US-Aaa", 45.5, -90.5, Jan1, 30),
            Tower(dir, "US-Sea", 49.9, -99.9, Jan1, 30),
            Tower(dir, "US-Old", 45.5, -90.5, Jan1.AddDays(-100), 50),
        };

        var result = SiteDatasetBuilder.Build(towers, "sites.csv", source);

        Assert.Equal(["US-Aaa"], result.Dataset.Sites.Select(s => s.Id));
        Assert.Equal(["US-Old", "US-Sea"], result.Skipped.Select(s => s.SiteId).Order());
        Assert.Contains("no drivers", result.Skipped.Single(s => s.SiteId == "US-Sea").Reason);
        Assert.Contains("no flux data", result.Skipped.Single(s => s.SiteId == "US-Old").Reason);
    }

    [Fact]
    public void Build_RefusesAPeriodTheDriversDoNotCover()
    {
        using var dir = new TempDirectory();
        var source = new InMemoryDriverSource(Grid, Jan1, 30);
        var options = new SiteExtractionOptions { FirstDay = Jan1, LastDay = Jan1.AddDays(40) };

        var e = Assert.Throws<InvalidInputException>(() =>
            SiteDatasetBuilder.Build([Tower(dir, "US-Aaa", 45.5, -90.5, Jan1, 30)], "sites.csv", source, options));
        Assert.Contains("not covered by the drivers", e.Message);
    }

    [Fact]
    public void Build_RefusesDriversWithAFeatureOutsideTheCatalogue_AndKeepsASelectionOfIt()
    {
        using var dir = new TempDirectory();
        var unknown = new InMemoryDriverSource(Grid, Jan1, 30) { Features = ["ta", "tair"] };

        var e = Assert.Throws<InvalidInputException>(() =>
            SiteDatasetBuilder.Build([Tower(dir, "US-Aaa", 45.5, -90.5, Jan1, 30)], "sites.csv", unknown));
        Assert.Contains("unknown feature 'tair'", e.Message);
        Assert.Equal("features", e.Variable);

        var selection = new InMemoryDriverSource(Grid, Jan1, 30) { Features = ["vpd", "ta"] };
        var result = SiteDatasetBuilder.Build([Tower(dir, "US-Aaa", 45.5, -90.5, Jan1, 30)], "sites.csv", selection);
        Assert.Equal(["vpd", "ta"], result.Dataset.Features);
        Assert.Equal(2 * 30, result.Dataset.Drivers.Length);
    }

    [Fact]
    public void Build_RefusesATableRowPointingToAnotherSitesFile()
    {
        using var dir = new TempDirectory();
        var source = new InMemoryDriverSource(Grid, Jan1, 30);
        var tower = Tower(dir, "US-Aaa", 45.5, -90.5, Jan1, 30) with { Id = "US-Zzz" };

        var e = Assert.Throws<InvalidInputException>(() => SiteDatasetBuilder.Build([tower], "sites.csv", source));
        Assert.Equal("file", e.Variable);
        Assert.Contains("site 'US-Zzz' points to", e.Message);
    }

    [Fact]
    public void Build_RefusesWhenNoTowerIsLeft_SayingWhyTheFirstWasLeftOut()
    {
        using var dir = new TempDirectory();
        var source = new InMemoryDriverSource(Grid, Jan1, 30, ocean: (0, 0));

        var e = Assert.Throws<InvalidInputException>(() =>
            SiteDatasetBuilder.Build([Tower(dir, "US-Sea", 49.9, -99.9, Jan1, 30)], "sites.csv", source));
        Assert.Contains("none of the 1 towers", e.Message);
        Assert.Contains("US-Sea", e.Message);
    }
}
