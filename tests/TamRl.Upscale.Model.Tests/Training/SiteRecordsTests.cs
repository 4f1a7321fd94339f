using TamRl.Upscale.Model.Evaluation;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests.Training;

/// <summary>Sites of different years on one daily axis: drivers NaN outside each site's record.</summary>
public class SiteRecordsTests
{
    /// <summary>Synthetic sites whose records are cut: site s keeps days [10 s, days - 5 s).</summary>
    private static SiteSeriesSet Staggered(int sites = 4, int days = 200)
    {
        var full = SyntheticSites.Create(sites: sites, days: days);
        var drivers = (float[])full.Drivers.Clone();
        var gpp = (float[])full.Gpp.Clone();
        for (var s = 0; s < sites; s++)
            for (var d = 0; d < days; d++)
                if (d < 10 * s || d >= days - 5 * s)
                {
                    drivers.AsSpan((s * days + d) * full.Features, full.Features).Fill(float.NaN);
                    gpp[s * days + d] = float.NaN;
                }
        return new SiteSeriesSet(full.SiteIds, days, drivers, gpp, full.Reco, full.Nee, full.Qc, full.Igbp, full.Koppen, full.Latitude, full.Longitude);
    }

    [Fact]
    public void ValidFromAndTo_BoundEachSitesRecord()
    {
        var data = Staggered();

        Assert.Equal([0, 10, 20, 30], data.ValidFrom);
        Assert.Equal([200, 195, 190, 185], data.ValidTo);
    }

    [Fact]
    public void TemporalSplit_CutsEachRecordAtItsOwnShare_AndKeepsWindowsInside()
    {
        var data = Staggered();
        var sites = Enumerable.Range(0, data.Sites).ToArray();

        var (fit, holdout) = WindowPlan.TemporalSplit(sites, s => (data.ValidFrom[s], data.ValidTo[s]), 30, 15, 0.25);

        foreach (var s in sites)
        {
            var cut = data.ValidFrom[s] + (int)Math.Round(data.ValidDays(s) * 0.75);
            Assert.All(fit.Where(w => w.Site == s), w => Assert.True(w.Start >= data.ValidFrom[s] && w.Start + 30 <= cut));
            Assert.All(holdout.Where(w => w.Site == s), w => Assert.True(w.Start >= cut && w.Start + 30 <= data.ValidTo[s]));
            Assert.Contains(fit, w => w.Site == s && w.Start == data.ValidFrom[s]);
            Assert.Contains(holdout, w => w.Site == s);
        }
    }

    [Fact]
    public void SupportCandidates_TileTheRecordOnly()
    {
        Assert.Equal([20, 80, 110], WindowPlan.SupportCandidates(20, 145, 30, 50));
        Assert.Equal([0, 30, 90], WindowPlan.SupportCandidates(0, 120, 30, 60));
    }

    [Fact]
    public void BatchBuilder_DrawsSupportAndWarmUpFromTheRecordOnly()
    {
        var data = Staggered();
        var encoding = FeatureEncoding.Fit(data, [0, 1, 2, 3]);
        var sites = new EncodedSites(data, encoding);
        var builder = new BatchBuilder(sites, 30, 3, [1f, 1f, 1f, 1f], CPU, warmup: 30);
        // Site 3's record is days 30..184; its first window starts at the record's first day.
        var batch = builder.Build([new Window(3, 30), new Window(3, 100)], withSupport: true, new Random(1));

        // Encoded drivers are exactly 0 only where the raw value was missing (outside the record); the synthetic
        // drivers are never at their mean to float precision on every feature at once.
        using var support = batch.Inputs.Support!.narrow(3, 0, encoding.DriverCount);
        using var query = batch.Inputs.Query.narrow(2, 0, encoding.DriverCount);
        Assert.Equal(0, (support == 0).all(-1).sum().item<long>());
        Assert.Equal(0, (query == 0).all(-1).sum().item<long>());
    }

    [Fact]
    public void PredictRecords_PredictsEachSiteOverItsRecordAlone_AndNaNOutside()
    {
        var data = Staggered();
        var (_, encoding, members) = TestModels.TrainedEnsemble(members: 1, epochs: 1);
        var predictor = new Model.Bundle.EnsemblePredictor(members.Select(m => m.Model).ToList(), encoding, 30, "test", warmupDays: 10);

        var fluxes = EvaluationRunner.PredictRecords(predictor, data, [1, 3]);

        for (var k = 0; k < 2; k++)
        {
            var s = new[] { 1, 3 }[k];
            var alone = predictor.Predict(EvaluationRunner.Pixels(data, [s], data.ValidFrom[s], data.ValidDays(s)));
            for (var d = 0; d < data.Days; d++)
            {
                var inside = d >= data.ValidFrom[s] && d < data.ValidTo[s];
                var value = fluxes.Gpp[k * data.Days + d];
                if (inside)
                    Assert.Equal(alone.Gpp[d - data.ValidFrom[s]], value);
                else
                    Assert.True(float.IsNaN(value));
            }
        }
    }
}
