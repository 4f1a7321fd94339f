using TamRl.Upscale.Model.Baselines;
using TamRl.Upscale.Model.Training;

namespace TamRl.Upscale.Model.Tests.Baselines;

public class TreesBaselineTests
{
    [Fact]
    public void Trees_LearnGpp_AndKeepTheBalanceExact()
    {
        var data = SyntheticSites.Create(sites: 6, days: 120);
        var train = Enumerable.Range(0, 5).ToArray();
        var sites = new EncodedSites(data, FeatureEncoding.Fit(data, train));
        var predictor = TreesBaseline.Train(sites, train, new TreesOptions { Iterations = 60, Threads = 1, MinimumExamplesPerLeaf = 5 }, seed: 1);
        var fluxes = predictor.Predict(TestModels.Pixels(data));

        // On the held-out sixth site the trees explain most of GPP's variance (the synthetic GPP is a
        // per-day function of light and greenness scaled by a site factor).
        var site = 5;
        var observed = new List<double>();
        var predicted = new List<double>();
        for (var d = 0; d < data.Days; d++)
        {
            var i = site * data.Days + d;
            if (float.IsNaN(data.Gpp[i]))
                continue;
            observed.Add(data.Gpp[i]);
            predicted.Add(fluxes.Gpp[i]);
        }
        var mean = observed.Average();
        var r2 = 1 - observed.Zip(predicted, (o, p) => (o - p) * (o - p)).Sum() / observed.Sum(o => (o - mean) * (o - mean));
        Assert.True(r2 > 0.5, $"R2 {r2}");
        for (var i = 0; i < fluxes.Gpp.Length; i++)
        {
            Assert.True(fluxes.Gpp[i] >= 0 && fluxes.Reco[i] >= 0);
            Assert.Equal(fluxes.Reco[i] - fluxes.Gpp[i], fluxes.Nee[i]);
        }
    }
}
