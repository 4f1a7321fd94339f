using TamRl.Upscale.Model.Training;

namespace TamRl.Upscale.Model.Tests.Training;

public class ClassWeightsTests
{
    [Fact]
    public void PerSite_WeighsRareClassesUp_WithMeanOneOverTheTrainingSites()
    {
        var data = SyntheticSites.Create(sites: 5, days: 20);
        // IGBP: four sites of class 1, one of class 2; Koppen all alike.
        data.Igbp[0] = data.Igbp[1] = data.Igbp[2] = data.Igbp[3] = 1;
        data.Igbp[4] = 2;
        for (var s = 0; s < 5; s++)
            data.Koppen[s] = 7;
        var train = new[] { 0, 1, 2, 3, 4 };
        var w = ClassWeights.PerSite(data, train);
        Assert.Equal(1.0, w.Average(), 6);
        Assert.Equal(4 * w[0], w[4], 5); // the lone class-2 site counts as much as the four class-1 sites together
    }

    [Fact]
    public void PerSite_GivesZeroToSitesOutsideTheTrainingSet()
    {
        var data = SyntheticSites.Create(sites: 4, days: 20);
        var w = ClassWeights.PerSite(data, [0, 1]);
        Assert.Equal(0, w[2]);
        Assert.Equal(0, w[3]);
    }
}

public class LandRepresentativeClassWeightsTests
{
    private static SiteSeriesSet FourOfOneClassOneOfAnother()
    {
        var data = SyntheticSites.Create(sites: 5, days: 20);
        data.Igbp[0] = data.Igbp[1] = data.Igbp[2] = data.Igbp[3] = 1;
        data.Igbp[4] = 2;
        for (var s = 0; s < 5; s++)
            data.Koppen[s] = 7;
        return data;
    }

    private static LandClassShares Shares(Dictionary<int, double> igbp) => new(igbp, new Dictionary<int, double> { [7] = 1.0 });

    [Fact]
    public void LandRepresentative_GivesEqualWeights_WhenTheSitesSampleTheClassesAsTheLandHoldsThem()
    {
        // Class 1 holds 80 % of the land and 4 of 5 sites: the sites already represent the land, unlike the paper's
        // inverse frequency, which would weigh the lone class-2 site 4 times up.
        var data = FourOfOneClassOneOfAnother();
        var w = ClassWeights.LandRepresentative(data, [0, 1, 2, 3, 4], Shares(new() { [1] = 0.8, [2] = 0.2 }));
        foreach (var s in Enumerable.Range(0, 5))
            Assert.Equal(1.0, w[s], 5);
        Assert.NotEqual(ClassWeights.PerSite(data, [0, 1, 2, 3, 4])[4], w[4], 2);
    }

    [Fact]
    public void LandRepresentative_WeighsAClassByItsLandShareOverItsSiteShare_AmongTheClassesTheSitesHold()
    {
        // Class 2 holds 40 % of the land covered by the sites' classes (class 9, with no site, is left out) and 1 of 5 sites.
        var data = FourOfOneClassOneOfAnother();
        var w = ClassWeights.LandRepresentative(data, [0, 1, 2, 3, 4], Shares(new() { [1] = 0.3, [2] = 0.2, [9] = 0.5 }));
        var ratio1 = 0.6 / 0.8;
        var ratio2 = 0.4 / 0.2;
        Assert.Equal(ratio2 / ratio1, w[4] / w[0], 4);
        Assert.Equal(1.0, w.Average(), 5);
    }

    [Fact]
    public void LandRepresentative_HoldsEveryWeightWithinTheCap_WithMeanOne()
    {
        // One site of a class with 99 % of the land among 40: its raw ratio is about 40, beyond the cap.
        var data = SyntheticSites.Create(sites: 40, days: 20);
        for (var s = 0; s < 40; s++)
        {
            data.Igbp[s] = s == 0 ? 3 : 1;
            data.Koppen[s] = 7;
        }
        var sites = Enumerable.Range(0, 40).ToArray();
        var w = ClassWeights.LandRepresentative(data, sites, Shares(new() { [3] = 0.99, [1] = 0.01 }));
        Assert.Equal(ClassWeights.LandWeightCap, w[0], 3);
        Assert.All(w.Skip(1), v => Assert.InRange(v, 1 / ClassWeights.LandWeightCap - 1e-6, 1.0));
        Assert.Equal(1.0, w.Average(), 4);
        Assert.InRange(ClassWeights.EffectiveSites(w, sites), 1, 39);
    }

    [Fact]
    public void LandRepresentative_KeepsRatioOne_ForAClassTheGridHasNoLandOf()
    {
        var data = FourOfOneClassOneOfAnother();
        var w = ClassWeights.LandRepresentative(data, [0, 1, 2, 3, 4], Shares(new() { [1] = 1.0 }));
        Assert.True(w[4] > 0);
        Assert.Equal(0, new[] { 0, 1, 2, 3, 4 }.Select(s => w[s]).Count(v => v <= 0));
    }
}

public class LandClassSharesTests
{
    [Fact]
    public void Of_SharesTheLandByCellAreaTimesLandFraction_LeavingOceanAndUnclassifiedCellsOut()
    {
        // Two rows, 90-60N and 60-30N (areas in the ratio sin 90 - sin 60 : sin 60 - sin 30), one column of 30 degrees,
        // plus an ocean row; the second row is half land.
        var grid = new Core.Grid.RegularLatLonGrid(3, 1, 0, 90, 30, 30);
        var fields = new Ingest.DriverCube.StaticFields([1f, 0.5f, float.NaN], new float[3], [4, 10, -1], [26, -1, -1]);
        var shares = LandClassShares.Of(grid, fields);
        var north = 1 - Math.Sin(Math.PI / 3);
        var south = (Math.Sin(Math.PI / 3) - 0.5) * 0.5;
        Assert.Equal(north / (north + south), shares.Igbp[4], 9);
        Assert.Equal(south / (north + south), shares.Igbp[10], 9);
        Assert.Equal(north / (north + south), shares.Koppen[26], 9); // the unclassified half-land cell is land all the same
        Assert.Single(shares.Koppen);
    }
}
