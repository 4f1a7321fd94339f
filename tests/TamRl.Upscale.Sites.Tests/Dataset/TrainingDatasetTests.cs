using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Sites.Dataset;

namespace TamRl.Upscale.Sites.Tests.Dataset;

public class TrainingDatasetTests
{
    [Fact]
    public void Ctor_ThrowsAnException_WhenAnArrayDisagreesWithTheSizes()
    {
        var ok = TinyDatasets.Make(sites: 2, days: 5);
        var e = Assert.Throws<ArgumentException>(() => new TrainingDataset(ok.Sites, ok.FirstDay, ok.DayCount, ok.Features,
            ok.Drivers, ok.Gpp, ok.Reco, ok.Nee, new float[3]));
        Assert.Contains("qc holds 3 values, expected 10", e.Message);
    }

    [Fact]
    public void Ctor_ThrowsAnException_WhenASiteIdRepeats()
    {
        var ok = TinyDatasets.Make(sites: 2, days: 5);
        var sites = new[] { ok.Sites[0], ok.Sites[0] };
        var e = Assert.Throws<ArgumentException>(() => new TrainingDataset(sites, ok.FirstDay, 5, ok.Features, ok.Drivers, ok.Gpp, ok.Reco, ok.Nee, ok.Qc));
        Assert.Contains("'XX-S00' appears twice", e.Message);
    }

    [Fact]
    public void Windows_StepByTheStride_AndLeaveOutATailShorterThanAWindow()
    {
        var ds = TinyDatasets.Make(sites: 2, days: 70);

        var windows = ds.Windows().ToArray();

        // starts 0, 15, 30 fit in 70 days (45 + 30 > 70), for each of 2 sites
        Assert.Equal([(0, 0), (0, 15), (0, 30), (1, 0), (1, 15), (1, 30)], windows.Select(w => (w.Site, w.Start)));
        Assert.All(windows, w => Assert.Equal(30, w.Length));
    }

    [Fact]
    public void Windows_TakeLengthAndStrideOverrides_AndSiteSubsets()
    {
        var ds = TinyDatasets.Make(sites: 3, days: 20);

        var windows = ds.Windows(["XX-S02"], length: 10, stride: 5).ToArray();

        Assert.Equal([0, 5, 10], windows.Select(w => w.Start));
        Assert.All(windows, w => Assert.Equal("XX-S02", w.SiteId));
        Assert.All(windows, w => Assert.Equal(2, w.Site));
    }

    [Fact]
    public void Window_CopiesDriversInSiteDayFeatureOrder()
    {
        var ds = TinyDatasets.Make();
        var f = DriverFeatures.Names.Count;

        var w = ds.Window(site: 1, start: 7, length: 4);

        Assert.Equal(4 * f, w.Drivers.Length);
        for (var d = 0; d < 4; d++)
            for (var k = 0; k < f; k++)
                Assert.Equal(TinyDatasets.DriverValue(1, 7 + d, k), w.Drivers[d * f + k]);
        Assert.Equal(ds.Gpp[1 * ds.DayCount + 7], w.Gpp[0]);
    }

    [Fact]
    public void Window_WeightsDaysByQc_AndTestsOnlyFullyMeasuredDays()
    {
        var ds = TinyDatasets.Make();

        var w = ds.Window(site: 0, start: 0, length: 10);

        // day % 5 == 4 missing (weight 0, not tested); day % 3 == 0 qc 1 (tested); else qc 0.5
        Assert.Equal([1f, 0.5f, 0.5f, 1f, 0f, 0.5f, 1f, 0.5f, 0.5f, 0f], w.Weight);
        Assert.Equal([true, false, false, true, false, false, true, false, false, false], w.TestMask);
        Assert.True(float.IsNaN(w.Nee[4]));
        Assert.Equal(8, w.WeightedDays);
        Assert.Equal(3, w.TestDays);
    }

    [Fact]
    public void Window_GivesWeightZero_WhereATargetIsMissingButQcIsNot()
    {
        var ds = TinyDatasets.Make(sites: 1, days: 10);
        ds.Reco[3] = float.NaN; // day 3 has qc 1

        var w = ds.Window(0, 0, 10);

        Assert.Equal(0f, w.Weight[3]);
        Assert.False(w.TestMask[3]);
    }

    [Fact]
    public void Windows_SkipWindowsWithoutAnyWeightedDay_UnlessAsked()
    {
        var ds = TinyDatasets.Make(sites: 1, days: 20);
        for (var d = 0; d < 10; d++)
            ds.Qc[d] = float.NaN;

        Assert.Equal([10], ds.Windows(length: 10, stride: 10).Select(w => w.Start));
        Assert.Equal([0, 10], ds.Windows(length: 10, stride: 10, skipEmpty: false).Select(w => w.Start));
    }

    [Fact]
    public void SelectSites_KeepsTheChosenSitesSeries_InTheGivenOrder()
    {
        var ds = TinyDatasets.Make(sites: 3, days: 6);

        var sub = ds.SelectSites(["XX-S02", "XX-S00"]);

        Assert.Equal(["XX-S02", "XX-S00"], sub.Sites.Select(s => s.Id));
        Assert.Equal(ds.SiteDrivers(2).ToArray(), sub.SiteDrivers(0).ToArray());
        Assert.Equal(ds.SiteSeries(ds.Nee, 0).ToArray(), sub.SiteSeries(sub.Nee, 1).ToArray());
    }

    [Fact]
    public void DayOf_MapsDatesToIndices_AndRefusesDatesOutsideThePeriod()
    {
        var ds = TinyDatasets.Make(days: 40);

        Assert.Equal(31, ds.DayOf(new DateOnly(2005, 2, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ds.DayOf(new DateOnly(2005, 2, 10)));
    }
}

public class TrainingWindowStaticTests
{
    [Fact]
    public void Window_CarriesTheSitesStaticFeatures()
    {
        var ds = TinyDatasets.Make();

        var w = ds.Window(2, 0, 5);

        Assert.Equal(StaticFeatures.Encode(ds.Sites[2]), w.Static);
        Assert.Equal(1f, w.Static[ds.Sites[2].Igbp]);
    }
}
