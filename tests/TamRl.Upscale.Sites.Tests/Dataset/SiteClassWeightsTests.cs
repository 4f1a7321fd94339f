using TamRl.Upscale.Sites.Dataset;

namespace TamRl.Upscale.Sites.Tests.Dataset;

public class SiteClassWeightsTests
{
    [Fact]
    public void InverseFrequency_GivesEveryClassTheSameTotal_AndMeanOne()
    {
        // 6 ENF (1), 3 GRA (10), 1 CRO (12)
        var sites = Enumerable.Range(0, 10).Select(i => new SiteInfo($"S{i}", 0, 0, i < 6 ? 1 : i < 9 ? 10 : 12, 1, "X")).ToArray();

        var perSite = SiteClassWeights.PerSite(sites, s => s.Igbp);

        Assert.Equal(1.0, perSite.Average(), 5);
        Assert.Equal(10f / (3 * 6), perSite[0], 5);
        Assert.Equal(10f / 3, perSite[9], 5);
        foreach (var group in sites.Zip(perSite).GroupBy(p => p.First.Igbp))
            Assert.Equal(10.0 / 3, group.Sum(p => p.Second), 4);
    }
}
