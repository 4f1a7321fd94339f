using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests;

/// <summary>Briefly trained tiny models and pixel blocks built from synthetic sites.</summary>
internal static class TestModels
{
    public static (SiteSeriesSet Data, FeatureEncoding Encoding, IReadOnlyList<TrainedMember> Members) TrainedEnsemble(ModelKind kind = ModelKind.TamRl, int members = 2, int epochs = 2)
    {
        var data = SyntheticSites.Create();
        var train = Enumerable.Range(0, data.Sites).ToArray();
        var encoding = FeatureEncoding.Fit(data, train);
        var options = SyntheticSites.TinyOptions with { Epochs = epochs, PretrainEpochs = 1 };
        var trained = new EnsembleTrainer(new EncodedSites(data, encoding), train, options, CPU)
            .Train(kind, Enumerable.Range(1, members).ToArray());
        return (data, encoding, trained);
    }

    /// <summary>Synthetic sites, all of them training sites, encoded as a trainer reads them.</summary>
    public static (EncodedSites Sites, int[] Train) TrainingSites(int sites = 6, int days = 120)
    {
        var data = SyntheticSites.Create(sites, days);
        var train = Enumerable.Range(0, sites).ToArray();
        return (new EncodedSites(data, FeatureEncoding.Fit(data, train)), train);
    }

    /// <summary>A model's weights as bytes, to compare bit for bit.</summary>
    public static byte[] Weights(FluxSequenceModel model)
    {
        var stream = new MemoryStream();
        model.save(stream);
        return stream.ToArray();
    }

    /// <summary>The sites of a dataset as a block of pixels (their drivers and static features).</summary>
    public static PixelBlock Pixels(SiteSeriesSet data) =>
        new(data.Sites, data.Days, (float[])data.Drivers.Clone(), (int[])data.Igbp.Clone(), (int[])data.Koppen.Clone(), (float[])data.Latitude.Clone(), (float[])data.Longitude.Clone());
}
