using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.TamRl;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests.Bundle;

public class EnsemblePredictorTests
{
    [Theory]
    [InlineData(InferencePrecision.Float32)]
    [InlineData(InferencePrecision.BFloat16)]
    public void Predict_HoldsTheBalanceExactly_WithNonNegativeGppAndReco(InferencePrecision precision)
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble();
        var predictor = new EnsemblePredictor(members.Select(m => m.Model).ToList(), encoding, 10, "test", precision, pixelsPerBatch: 4);
        var block = TestModels.Pixels(data);
        var fluxes = predictor.Predict(block);
        Assert.Equal(data.Sites * data.Days, fluxes.Gpp.Length);
        for (var i = 0; i < fluxes.Gpp.Length; i++)
        {
            Assert.True(fluxes.Gpp[i] >= 0 && fluxes.Reco[i] >= 0, $"negative flux at {i}");
            Assert.Equal(fluxes.Reco[i] - fluxes.Gpp[i], fluxes.Nee[i]);
            Assert.True(float.IsFinite(fluxes.GppSpread[i]) && fluxes.GppSpread[i] >= 0);
        }
        Assert.Contains(fluxes.GppSpread, s => s > 0);
    }

    [Fact]
    public void Warmup_LeavesTheSeriesFirstTileAlone_AndWarmsTheOthers()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1);
        var block = TestModels.Pixels(data);
        var models = members.Select(m => m.Model).ToList();
        var cold = new EnsemblePredictor(models, encoding, 10, "t").Predict(block);
        var warm = new EnsemblePredictor(models, encoding, 10, "t", warmupDays: 5).Predict(block);
        var days = data.Days;
        var laterDiffer = 0;
        for (var site = 0; site < data.Sites; site++)
        {
            // The decoder is causal: running on past the first tile cannot change the first tile's outputs.
            for (var d = 0; d < 10; d++)
                Assert.Equal(cold.Gpp[site * days + d], warm.Gpp[site * days + d], 4);
            for (var d = 10; d < days; d++)
            {
                if (Math.Abs(cold.Gpp[site * days + d] - warm.Gpp[site * days + d]) > 1e-4)
                    laterDiffer++;
                Assert.Equal(warm.Reco[site * days + d] - warm.Gpp[site * days + d], warm.Nee[site * days + d]);
            }
        }
        Assert.True(laterDiffer > 0, "warm-up changed no prediction after the first tile");
    }

    [Fact]
    public void Predict_GivesNoMemberMeans_ForOneMember_WhoseSpreadTheyCouldNotGive()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble();
        var predictor = new EnsemblePredictor([members[0].Model], encoding, 10, "t", pixelsPerBatch: 3);
        var block = TestModels.Pixels(data) with { MemberMeanSpans = [(0, 10), (10, data.Days - 10)] };

        var result = predictor.Predict(block);

        Assert.Null(result.MemberMeans);
        Assert.Equal(0, result.Members);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the members stacked as one computation give their means the same way
    public void Predict_GivesEachMembersMeansOverTheAskedSpans_WhoseAverageIsTheEnsemblesMean_AndLeavesTheDaysAlone(bool stackMembers)
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble();
        var predictor = new EnsemblePredictor(members.Select(m => m.Model).ToList(), encoding, 10, "t", pixelsPerBatch: 3, stackMembers: stackMembers);
        var block = TestModels.Pixels(data);
        var days = data.Days;
        (int First, int Days)[] spans = [(0, 10), (10, days - 10)];

        var plain = predictor.Predict(block);
        var withMeans = predictor.Predict(block with { MemberMeanSpans = spans });

        Assert.Null(plain.MemberMeans);
        Assert.Equal(plain.Gpp, withMeans.Gpp);
        Assert.Equal(plain.NeeSpread, withMeans.NeeSpread);
        var m = members.Count;
        Assert.Equal(m, withMeans.Members);
        Assert.Equal(m * data.Sites * spans.Length * 3, withMeans.MemberMeans!.Length);
        for (var p = 0; p < data.Sites; p++)
            for (var s = 0; s < spans.Length; s++)
                for (var f = 0; f < 3; f++)
                {
                    var daily = f == 0 ? plain.Gpp : f == 1 ? plain.Reco : plain.Nee;
                    var spread = f == 0 ? plain.GppSpread : f == 1 ? plain.RecoSpread : plain.NeeSpread;
                    var ensembleMean = Enumerable.Range(spans[s].First, spans[s].Days).Average(d => (double)daily[p * days + d]);
                    var memberMeans = Enumerable.Range(0, m).Select(k => (double)withMeans.MemberMeans[((k * data.Sites + p) * spans.Length + s) * 3 + f]).ToArray();
                    Assert.Equal(ensembleMean, memberMeans.Average(), 4);
                    // The spread of the members' means never exceeds the mean of the daily spreads.
                    var meanSpread = Enumerable.Range(spans[s].First, spans[s].Days).Average(d => (double)spread[p * days + d]);
                    var sd = Math.Sqrt(memberMeans.Average(x => x * x) - memberMeans.Average() * memberMeans.Average());
                    Assert.True(sd <= meanSpread + 1e-4, $"pixel {p} span {s} flux {f}: {sd} > {meanSpread}");
                }
    }

    [Fact]
    public void Predict_DoesNotDependOnHowPixelsAreBatched()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1);
        var block = TestModels.Pixels(data);
        var models = members.Select(m => m.Model).ToList();
        var one = new EnsemblePredictor(models, encoding, 10, "t", pixelsPerBatch: 1).Predict(block);
        var all = new EnsemblePredictor(models, encoding, 10, "t", pixelsPerBatch: 64).Predict(block);
        for (var i = 0; i < one.Gpp.Length; i++)
            Assert.Equal(one.Gpp[i], all.Gpp[i], 4);
    }

    [Fact]
    public void Predict_UsesThePixelsOwnHistory_AsItsSupportSet()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1);
        var predictor = new EnsemblePredictor(members.Select(m => m.Model).ToList(), encoding, 10, "t");
        var block = TestModels.Pixels(data);
        var before = predictor.Predict(block);
        // Change the drivers of the pixel's last 30 days only: the first window's predictions change,
        // although its own inputs did not, because its support set (the other windows) changed.
        var changed = (float[])block.Drivers.Clone();
        var f = block.Features;
        for (var d = block.Days - 30; d < block.Days; d++)
            for (var k = 0; k < f; k++)
                changed[(0 * block.Days + d) * f + k] += 3f;
        var after = predictor.Predict(block with { Drivers = changed });
        var firstWindow = Enumerable.Range(0, 10);
        Assert.Contains(firstWindow, d => before.Gpp[d] != after.Gpp[d]);
        // Another pixel's predictions do not change: support sets come from the pixel's own series.
        for (var d = 0; d < block.Days; d++)
            Assert.Equal(before.Gpp[block.Days + d], after.Gpp[block.Days + d]);
    }

    [Fact]
    public void Predict_DecodesEveryTileWithThePixelsOneCode_AsTrainingEncodesItsSupportWindows()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1);
        var model = (TamRlModel)members[0].Model;
        var predictor = new EnsemblePredictor([model], encoding, 10, "t", supportWindows: 2);
        var block = TestModels.Pixels(data);
        var fluxes = predictor.Predict(block);
        // 120 days in tiles of 10: 12 candidates, two strata of six, their middle tiles 3 and 9.
        var support = InferenceSupport.Tiles(block.Days, 10, 2);
        Assert.Equal([3, 9], support);
        const int pixel = 1, tiles = 12;
        var staticVector = encoding.EncodeStatic(block.Igbp[pixel], block.Koppen[pixel], block.Latitude[pixel], block.Longitude[pixel]);
        var series = encoding.EncodeSeries(block.Drivers.AsSpan(pixel * block.Days * block.Features, block.Days * block.Features), block.Days, staticVector);
        var width = encoding.InputSize;
        // The definition, through the training path: every tile a query whose support set is the same two windows.
        var windows = support.SelectMany(t => series.Skip(t * 10 * width).Take(10 * width)).ToArray();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var query = tensor(series, new long[] { tiles, 10, width });
        var supportSet = tensor(windows, new long[] { 1, support.Length, 10, width }).expand(tiles, -1, -1, -1);
        var stat = tensor(Enumerable.Repeat(staticVector, tiles).SelectMany(v => v).ToArray(), new long[] { tiles, staticVector.Length });
        var raw = model.forward(new ModelInputs(query, stat, supportSet));
        var expected = FluxOutputs.Balance(FluxOutputs.ToPhysical(raw, encoding.Targets)).reshape(-1, 3).data<float>().ToArray();
        for (var d = 0; d < block.Days; d++)
        {
            Assert.Equal(expected[d * 3], fluxes.Gpp[pixel * block.Days + d], 1e-5);
            Assert.Equal(expected[d * 3 + 1], fluxes.Reco[pixel * block.Days + d], 1e-5);
        }
    }

    [Fact]
    public void Predict_ChangesOnlyTheEditedTile_UnlessItIsASupportWindow()
    {
        // With one code per pixel, a tile outside the support set is read by its own decoding only; the earlier
        // definition (each tile's code from every other tile) changed every tile's code with it.
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1);
        var predictor = new EnsemblePredictor(members.Select(m => m.Model).ToList(), encoding, 10, "t", supportWindows: 2);
        var block = TestModels.Pixels(data);
        var before = predictor.Predict(block);
        FluxBlock Edited(int tile)
        {
            var changed = (float[])block.Drivers.Clone();
            for (var i = tile * 10 * block.Features; i < (tile + 1) * 10 * block.Features; i++)
                changed[i] += 3f;
            return predictor.Predict(block with { Drivers = changed });
        }
        var plain = Edited(5);
        for (var d = 0; d < block.Days; d++)
            if (d / 10 != 5)
                Assert.Equal(before.Gpp[d], plain.Gpp[d]);
        Assert.Contains(Enumerable.Range(50, 10), d => before.Gpp[d] != plain.Gpp[d]);
        var supportTile = Edited(3);
        Assert.Contains(Enumerable.Range(0, 10), d => before.Gpp[d] != supportTile.Gpp[d]);
        Assert.Contains(Enumerable.Range(110, 10), d => before.Gpp[d] != supportTile.Gpp[d]);
    }

    [Fact]
    public void Predict_WithEveryOtherTile_KeepsTheEarlierDefinition_WhereEveryTileReadsTheOthers()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1);
        var predictor = new EnsemblePredictor(members.Select(m => m.Model).ToList(), encoding, 10, "t", supportWindows: EnsemblePredictor.EveryOtherTile);
        var block = TestModels.Pixels(data);
        var before = predictor.Predict(block);
        var changed = (float[])block.Drivers.Clone();
        for (var i = 50 * block.Features; i < 60 * block.Features; i++)
            changed[i] += 3f;
        var after = predictor.Predict(block with { Drivers = changed });
        Assert.Contains(Enumerable.Range(0, 10), d => before.Gpp[d] != after.Gpp[d]);
    }

    [Fact]
    public void Predict_OfCtLstm_IgnoresTheRestOfTheSeries()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(ModelKind.CtLstm, members: 1);
        var predictor = new EnsemblePredictor(members.Select(m => m.Model).ToList(), encoding, 10, "t");
        var block = TestModels.Pixels(data);
        var before = predictor.Predict(block);
        var changed = (float[])block.Drivers.Clone();
        for (var i = (block.Days - 30) * block.Features; i < block.Days * block.Features; i++)
            changed[i] += 3f;
        var after = predictor.Predict(block with { Drivers = changed });
        for (var d = 0; d < 10; d++)
            Assert.Equal(before.Gpp[d], after.Gpp[d]);
    }

    [Fact]
    public void Predict_RefusesABlockWhoseArraysDisagreeWithItsSizes()
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 1, epochs: 1);
        var predictor = new EnsemblePredictor(members.Select(m => m.Model).ToList(), encoding, 10, "t");
        var block = TestModels.Pixels(data) with { Days = data.Days + 1 };
        Assert.Throws<ArgumentException>(() => predictor.Predict(block));
    }
}
