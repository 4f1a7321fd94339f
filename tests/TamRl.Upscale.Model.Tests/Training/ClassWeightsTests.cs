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
