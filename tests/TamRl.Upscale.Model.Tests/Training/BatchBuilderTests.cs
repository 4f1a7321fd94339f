using TamRl.Upscale.Model.Training;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests.Training;

public class BatchBuilderTests
{
    private static EncodedSites Sites(int days = 120)
    {
        var data = SyntheticSites.Create(sites: 3, days: days, gapFraction: 0);
        return new EncodedSites(data, FeatureEncoding.Fit(data, [0, 1, 2]));
    }

    private static BatchBuilder Builder(EncodedSites sites, int warmup) =>
        new(sites, length: 30, supportSize: 2, classWeights: [1f, 1f, 1f], CPU, warmup);

    private static float[] Row(Tensor t, long i, long day) => t[i, day].data<float>().ToArray();

    [Fact]
    public void Warmup_PrependsThePrecedingDays_AsInputsWithoutTargetsOrWeight()
    {
        var sites = Sites();
        var width = sites.Encoding.InputSize;
        var batch = Builder(sites, warmup: 10).Build([new Window(1, 40)], withSupport: true, new Random(1));

        Assert.Equal(new long[] { 1, 40, width }, batch.Inputs.Query.shape);
        // Day 0 of the decode window is day 30 of the site's series; day 10 is the query window's first day.
        Assert.Equal(sites.Series[1].AsSpan(30 * width, width).ToArray(), Row(batch.Inputs.Query, 0, 0));
        Assert.Equal(sites.Series[1].AsSpan(40 * width, width).ToArray(), Row(batch.Inputs.Query, 0, 10));
        var weights = batch.Weights[0].data<float>().ToArray();
        var mask = batch.Mask[0].sum(1).data<float>().ToArray();
        Assert.All(weights[..10], w => Assert.Equal(0f, w));
        Assert.All(mask[..10], m => Assert.Equal(0f, m));
        Assert.All(mask[10..], m => Assert.Equal(3f, m));
        var data = sites.Data;
        Assert.Equal(data.Gpp[1 * data.Days + 40], batch.Targets[0, 10, 0].item<float>());
        Assert.Equal(data.Nee[1 * data.Days + 69], batch.Targets[0, 39, 2].item<float>());
        Assert.Equal(data.Qc[1 * data.Days + 69], weights[39]);
    }

    [Fact]
    public void Warmup_AtTheSeriesStart_ScoresTheWindowsOwnDays_AndNotTheDaysAfter()
    {
        var sites = Sites();
        var batch = Builder(sites, warmup: 10).Build([new Window(0, 5)], withSupport: false, new Random(1));

        // Only 5 days precede the window: the decode window is [0, 40) and scores days 5..34.
        var mask = batch.Mask[0].sum(1).data<float>().ToArray();
        Assert.Equal(Enumerable.Range(0, 40).Select(d => d >= 5 && d < 35 ? 3f : 0f), mask);
        Assert.Equal(sites.Data.Reco[5], batch.Targets[0, 5, 1].item<float>());
    }

    [Fact]
    public void NoWarmup_DecodesTheQueryWindowAlone()
    {
        var sites = Sites();
        var batch = Builder(sites, warmup: 0).Build([new Window(2, 60), new Window(0, 0)], withSupport: true, new Random(1));
        Assert.Equal(30, batch.Inputs.Query.shape[1]);
        Assert.Equal(new long[] { 2, 30 }, batch.Weights.shape);
        Assert.Equal(new long[] { 2, 2, 30, sites.Encoding.InputSize }, batch.Inputs.Support!.shape);
    }

    [Fact]
    public void ANegativeWarmup_IsRefused()
    {
        var sites = Sites();
        Assert.Throws<ArgumentOutOfRangeException>(() => Builder(sites, warmup: -1));
    }
}
