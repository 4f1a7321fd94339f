using TamRl.Upscale.Sites.Dataset;
using TamRl.Upscale.Sites.Splits;

namespace TamRl.Upscale.Sites.Tests.Splits;

public class ZeroShotSplitterTests
{
    /// <summary>100 sites: IGBP strata of 40, 25, 20, 10, 3, 2 sites; Koppen classes cycling through 7.</summary>
    private static SiteInfo[] Network()
    {
        int[] sizes = [40, 25, 20, 10, 3, 2];
        var sites = new List<SiteInfo>();
        for (var g = 0; g < sizes.Length; g++)
            for (var i = 0; i < sizes[g]; i++)
                sites.Add(new SiteInfo($"S{g}-{i:D2}", 0, 0, g + 1, 1 + sites.Count % 7, "X"));
        return sites.ToArray();
    }

    [Fact]
    public void Split_PutsEverySiteInExactlyOneSide()
    {
        var sites = Network();

        var split = ZeroShotSplitter.Split(sites, s => s.Igbp, seed: 7);

        Assert.Empty(split.Train.Intersect(split.Test));
        Assert.Equal(sites.Select(s => s.Id).Order(), split.Train.Concat(split.Test).Order());
    }

    [Fact]
    public void Split_HoldsOutTheFractionOfEveryStratum_WithinOneSite()
    {
        var sites = Network();

        var split = ZeroShotSplitter.Split(sites, s => s.Igbp, seed: 7);

        Assert.Equal(20, split.Test.Count);
        var test = split.Test.ToHashSet();
        foreach (var stratum in sites.GroupBy(s => s.Igbp))
        {
            var held = stratum.Count(s => test.Contains(s.Id));
            var quota = stratum.Count() * 0.2;
            Assert.InRange(held, Math.Floor(quota), Math.Ceiling(quota));
        }
        // the big strata hold their share exactly
        Assert.Equal(8, sites.Where(s => s.Igbp == 1).Count(s => test.Contains(s.Id)));
        Assert.Equal(5, sites.Where(s => s.Igbp == 2).Count(s => test.Contains(s.Id)));
    }

    [Fact]
    public void Split_GivesTheSameSplitForTheSameSeed_WhateverTheInputOrder()
    {
        var sites = Network();
        var shuffled = sites.Reverse().ToArray();

        var a = ZeroShotSplitter.Split(sites, s => s.Koppen, seed: 3);
        var b = ZeroShotSplitter.Split(shuffled, s => s.Koppen, seed: 3);

        Assert.Equal(a.Test, b.Test);
        Assert.Equal(a.Train, b.Train);
    }

    [Fact]
    public void Split_ChangesWithTheSeed()
    {
        var sites = Network();

        var tests = Enumerable.Range(0, 5).Select(seed => string.Join(",", ZeroShotSplitter.Split(sites, s => s.Igbp, seed).Test)).ToArray();

        Assert.True(tests.Distinct().Count() > 1);
    }

    [Fact]
    public void SplitByIgbpAndKoppen_WritesBothStratifications_EachAFullPartition()
    {
        var sites = Network();

        var splits = ZeroShotSplitter.SplitByIgbpAndKoppen(sites, seed: 11);

        Assert.Equal(11, splits.Seed);
        foreach (var name in new[] { SiteSplits.ByIgbp, SiteSplits.ByKoppen })
        {
            Assert.Empty(splits[name].Train.Intersect(splits[name].Test));
            Assert.Equal(100, splits[name].Train.Count + splits[name].Test.Count);
            Assert.Equal(20, splits[name].Test.Count);
        }
        var koppenTest = splits[SiteSplits.ByKoppen].Test.ToHashSet();
        foreach (var stratum in sites.GroupBy(s => s.Koppen))
            Assert.InRange(stratum.Count(s => koppenTest.Contains(s.Id)), Math.Floor(stratum.Count() * 0.2), Math.Ceiling(stratum.Count() * 0.2));
    }

    [Fact]
    public void Split_KeepsASingleSiteStratumInTraining_WhenOthersCarryTheShare()
    {
        SiteInfo[] sites = [.. Enumerable.Range(0, 10).Select(i => new SiteInfo($"A{i}", 0, 0, 1, 1, "X")), new SiteInfo("B0", 0, 0, 2, 1, "X")];

        var split = ZeroShotSplitter.Split(sites, s => s.Igbp, seed: 1);

        Assert.Equal(2, split.Test.Count); // round(11 * 0.2) = 2, both from the 10-site stratum (quota 2.0)
        Assert.Contains("B0", split.Train);
    }
}
