using TamRl.Upscale.Model.Training;

namespace TamRl.Upscale.Model.Tests.Training;

public class FeatureEncodingTests
{
    [Fact]
    public void Fit_OnSomeSites_KnowsOnlyTheirClasses()
    {
        var data = SyntheticSites.Create(); // IGBP 1 + s % 3, Koppen 5 + s % 2
        var encoding = FeatureEncoding.Fit(data, [0, 3]);
        Assert.Equal(new[] { 1 }, encoding.TrainedIgbp!.Order());
        Assert.Equal(new[] { 5, 6 }, encoding.TrainedKoppen!.Order());
    }

    [Fact]
    public void EncodeStatic_GivesNoOneHot_ForAClassNoTrainingSiteHolds()
    {
        var data = SyntheticSites.Create();
        var encoding = FeatureEncoding.Fit(data, Enumerable.Range(0, data.Sites).ToArray());
        var classes = encoding.IgbpClasses + encoding.KoppenClasses;

        var known = encoding.EncodeStatic(2, 6, 10f, 20f);
        Assert.Equal(1f, known[2]);
        Assert.Equal(1f, known[encoding.IgbpClasses + 6]);
        Assert.Equal(2f, known[..classes].Sum());

        var unknown = encoding.EncodeStatic(12, 14, 10f, 20f);
        Assert.All(unknown[..classes], v => Assert.Equal(0f, v));
        Assert.Equal(known[classes..], unknown[classes..]);

        // Without the record (a bundle from before it), every class keeps its one-hot.
        var all = (encoding with { TrainedIgbp = null, TrainedKoppen = null }).EncodeStatic(12, 14, 10f, 20f);
        Assert.Equal(1f, all[12]);
        Assert.Equal(1f, all[encoding.IgbpClasses + 14]);
    }
}
