using Microsoft.ML;
using Microsoft.ML.Data;
using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Baselines;

/// <summary>
/// The trees baseline as an <see cref="IFluxPredictor"/>: each pixel-day predicted from its own features,
/// then the same projection as the sequence models (GPP, RECO >= 0, NEE = RECO - GPP exactly). One model,
/// no ensemble: the spreads are zero.
/// </summary>
public sealed class TreesPredictor : IFluxPredictor
{
    private readonly MLContext ml;
    private readonly ITransformer[] models;
    private readonly FeatureEncoding encoding;

    internal TreesPredictor(MLContext ml, ITransformer[] models, FeatureEncoding encoding, string identity)
    {
        this.ml = ml;
        this.models = models;
        this.encoding = encoding;
        Identity = identity;
    }

    public IReadOnlyList<string> Features => encoding.Features;
    public string Identity { get; }

    public FluxBlock Predict(PixelBlock block)
    {
        block.Validate();
        block.RequireFeatures(Features);
        var (p, days, f) = (block.Pixels, block.Days, block.Features);
        var width = encoding.InputSize;
        var rows = new List<TreesBaseline.Row>(p * days);
        for (var px = 0; px < p; px++)
        {
            var staticVector = encoding.EncodeStatic(block.Igbp[px], block.Koppen[px], block.Latitude[px], block.Longitude[px]);
            var series = encoding.EncodeSeries(block.Drivers.AsSpan(px * days * f, days * f), days, staticVector);
            for (var d = 0; d < days; d++)
                rows.Add(new TreesBaseline.Row { Features = series.AsSpan(d * width, width).ToArray() });
        }
        var view = ml.Data.LoadFromEnumerable(rows, TreesBaseline.Schema(width));
        var heads = new float[p * days * 3];
        for (var flux = 0; flux < 3; flux++)
        {
            var scores = models[flux].Transform(view).GetColumn<float>("Score").ToArray();
            for (var i = 0; i < scores.Length; i++)
                heads[i * 3 + flux] = scores[i];
        }
        using var scope = NewDisposeScope();
        var balanced = FluxOutputs.Balance(tensor(heads, new long[] { p * days, 3 })).data<float>().ToArray();
        var gpp = new float[p * days];
        var reco = new float[p * days];
        var nee = new float[p * days];
        for (var i = 0; i < p * days; i++)
        {
            gpp[i] = balanced[i * 3];
            reco[i] = balanced[i * 3 + 1];
            nee[i] = reco[i] - gpp[i];
        }
        return new FluxBlock(p, days, gpp, reco, nee, new float[p * days], new float[p * days], new float[p * days]);
    }
}
