using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests.TamRl;

public class StackedTamRlTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Predict_WithStackedMembers_GivesWhatTheMembersGiveOneByOne(int warmupDays)
    {
        var (data, encoding, members) = TestModels.TrainedEnsemble(members: 3);
        var models = members.Select(m => m.Model).ToList();
        var block = TestModels.Pixels(data);
        var one = new EnsemblePredictor(models, encoding, 10, "t", warmupDays: warmupDays, stackMembers: false).Predict(block);
        var stacked = new EnsemblePredictor(models, encoding, 10, "t", warmupDays: warmupDays, stackMembers: true).Predict(block);
        for (var i = 0; i < one.Gpp.Length; i++)
        {
            Assert.Equal(one.Gpp[i], stacked.Gpp[i], 1e-5);
            Assert.Equal(one.Reco[i], stacked.Reco[i], 1e-5);
            Assert.Equal(one.NeeSpread[i], stacked.NeeSpread[i], 1e-5);
            Assert.Equal(stacked.Reco[i] - stacked.Gpp[i], stacked.Nee[i]);
        }
    }

    [Fact]
    public void EncodeSupport_GivesEachMembersCode_WithTwoDecoderLayersAndBatchNormStatistics()
    {
        // Fresh members of two decoder layers whose BatchNorm running statistics are not the identity.
        var data = SyntheticSites.Create();
        var encoding = FeatureEncoding.Fit(data, Enumerable.Range(0, data.Sites).ToArray());
        var options = SyntheticSites.TinyOptions with { Layers = 2 };
        var models = Enumerable.Range(0, 2).Select(i => (TamRlModel)options.Architecture(ModelKind.TamRl, encoding).Build()).ToList();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var m in models)
        {
            foreach (var (name, buffer) in m.named_buffers())
                if (name.EndsWith("running_mean"))
                    buffer.copy_(randn(buffer.shape) * 0.5);
                else if (name.EndsWith("running_var"))
                    buffer.copy_(rand(buffer.shape) + 0.5);
            m.eval();
        }
        var support = randn(3, 2, 10, encoding.InputSize);
        var windows = randn(3 * 4, 10, encoding.InputSize);
        using var stack = new StackedTamRl(models, ScalarType.Float32, CPU);
        var codes = stack.EncodeSupport(support);
        var raw = stack.Decode(windows, codes);
        for (var k = 0; k < models.Count; k++)
        {
            var code = models[k].Encoder.EncodeSupport(support);
            Assert.True(code.allclose(codes[k], 1e-5, 1e-5), $"member {k}: codes differ");
            var expected = models[k].forward(new ModelInputs(windows, zeros(12, encoding.StaticSize), TaskCode: code.repeat_interleave(4, 0)));
            Assert.True(expected.allclose(raw[k], 1e-5, 1e-5), $"member {k}: outputs differ by {(expected - raw[k]).abs().max().item<float>()}");
        }
    }
}
