using TamRl.Upscale.Model.TamRl;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests.TamRl;

public class TamRlModelTests
{
    private static bool Same(Tensor a, Tensor b) => a.allclose(b, rtol: 0, atol: 0);

    private static readonly ModelArchitecture Tiny = new(ModelKind.TamRl, InputSize: 6, StaticSize: 3, Hidden: 8, Latent: 4, Layers: 2, Dropout: 0);

    [Theory]
    [InlineData(ModelKind.TamRl)]
    [InlineData(ModelKind.CtLstm)]
    [InlineData(ModelKind.TamLstm)]
    public void Forward_GivesThreeOutputsPerDay(ModelKind kind)
    {
        manual_seed(1);
        using var model = (Tiny with { Kind = kind }).Build();
        model.eval();
        var output = model.forward(new ModelInputs(randn(5, 7, 6), randn(5, 3), randn(5, 2, 7, 6)));
        Assert.Equal(new long[] { 5, 7, 3 }, output.shape);
    }

    [Fact]
    public void TaskCode_AndPrediction_ChangeWithTheSupportSet()
    {
        manual_seed(2);
        using var model = (TamRlModel)Tiny.Build();
        model.eval();
        var query = randn(1, 7, 6);
        var supportA = randn(1, 3, 7, 6);
        var supportB = supportA.clone();
        supportB[0, 1] = randn(7, 6);
        var codeA = model.Encoder.EncodeSupport(supportA);
        var codeB = model.Encoder.EncodeSupport(supportB);
        Assert.False(codeA.allclose(codeB), "a different support set must give a different task code");
        var outA = model.forward(new ModelInputs(query, zeros(1, 3), supportA));
        var outB = model.forward(new ModelInputs(query, zeros(1, 3), supportB));
        Assert.False(outA.allclose(outB), "a different task code must change the prediction");
        // The same support set gives the same prediction: only the support set differs above.
        Assert.True(Same(outA, model.forward(new ModelInputs(query, zeros(1, 3), supportA.clone()))));
    }

    [Fact]
    public void Forward_WithoutModulation_IgnoresTheSupportSet()
    {
        manual_seed(3);
        using var model = (TamRlModel)Tiny.Build();
        model.eval();
        model.Modulated = false;
        var query = randn(2, 7, 6);
        var a = model.forward(new ModelInputs(query, zeros(2, 3), randn(2, 3, 7, 6)));
        var b = model.forward(new ModelInputs(query, zeros(2, 3), randn(2, 3, 7, 6)));
        Assert.True(Same(a, b));
    }

    [Fact]
    public void LstmLayer_IsCausal_LaterInputsDoNotChangeEarlierOutputs()
    {
        manual_seed(4);
        using var layer = new LstmLayer("l", 3, 5);
        var x = randn(1, 6, 3);
        var y = x.clone();
        y[0, 5] = randn(3);
        var a = layer.forward(x);
        var b = layer.forward(y);
        Assert.True(Same(a[.., ..5], b[.., ..5]));
        Assert.False(Same(a[.., 5], b[.., 5]));
    }
}
