using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Model.Training;
using TamRl.Upscale.Sites.Dataset;

namespace TamRl.Upscale.Model.Tests.Training;

public class SiteSeriesSetsTests
{
    private static TrainingDataset Dataset(IReadOnlyList<string> features)
    {
        var sites = new[] { new SiteInfo("US-Aaa", 45, -90, 4, 26, "AmeriFlux"), new SiteInfo("DE-Bbb", 50, 10, 1, 27, "ICOS") };
        var days = 3;
        var n = sites.Length * days;
        var drivers = Enumerable.Range(0, n * features.Count).Select(i => (float)i).ToArray();
        float[] Series(float v) => Enumerable.Repeat(v, n).ToArray();
        return new TrainingDataset(sites, new DateOnly(2005, 1, 1), days, features, drivers, Series(2), Series(3), Series(1), Series(0.5f));
    }

    [Fact]
    public void From_CarriesSitesSeriesAndStaticFeatures()
    {
        var set = SiteSeriesSets.From(Dataset(DriverFeatures.Names));
        Assert.Equal(["US-Aaa", "DE-Bbb"], set.SiteIds);
        Assert.Equal(3, set.Days);
        Assert.Equal([4, 1], set.Igbp);
        Assert.Equal([26, 27], set.Koppen);
        Assert.Equal(-90f, set.Longitude[0]);
        Assert.Equal(DriverFeatures.All.Count * 3f, set.SiteDrivers(1)[0]);
    }

    [Fact]
    public void From_RefusesADatasetWithAFeatureOutsideTheCatalogue_AndKeepsAnyOrderOfKnownOnes()
    {
        var features = DriverFeatures.Names.ToArray();
        features[2] = "tmax";
        var e = Assert.Throws<InvalidInputException>(() => SiteSeriesSets.From(Dataset(features), "training.nc"));
        Assert.Contains("training.nc", e.Message);
        Assert.Contains("unknown feature 'tmax'", e.Message);

        var reversed = DriverFeatures.Names.Reverse().ToArray();
        Assert.Equal(reversed, SiteSeriesSets.From(Dataset(reversed), "training.nc").FeatureNames);
    }
}
