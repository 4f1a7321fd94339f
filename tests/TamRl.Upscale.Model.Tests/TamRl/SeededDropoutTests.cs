using TamRl.Upscale.Model.Runtime;
using TamRl.Upscale.Model.TamRl;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests.TamRl;

public class SeededDropoutTests
{
    private static Tensor Input() => arange(0, 4000, dtype: ScalarType.Float32).reshape(40, 100).div(1000).add(0.5);

    [Fact]
    public void Forward_DrawsTheMasksOfLibtorchsOwnDropout_WhenItsGeneratorIsSeededAlike()
    {
        // Members trained before the member generator existed keep their weights: the same seed gives the same masks.
        var x = Input();
        Tensor expected;
        using (TorchRuntime.HoldGlobalRandomState())
        {
            manual_seed(1234);
            expected = nn.functional.dropout(x, 0.3, training: true);
        }
        using var generator = new Generator(0, CPU);
        generator.manual_seed(1234);
        var dropout = new SeededDropout("dropout", 0.3) { Generator = generator };
        dropout.train();
        var actual = dropout.forward(x);

        Assert.True(actual.eq(expected).all().item<bool>(), "the masks or the scaling differ from libtorch's dropout");
        var zeroed = actual.eq(0).sum().item<long>();
        Assert.InRange(zeroed, 1000, 1400); // about 30 % of 4000
    }

    [Fact]
    public void Forward_InTraining_RefusesToDrawWithoutItsMembersGenerator()
    {
        var dropout = new SeededDropout("dropout", 0.3);
        dropout.train();
        var e = Assert.Throws<InvalidOperationException>(() => dropout.forward(Input()));
        Assert.Contains("generator", e.Message);
    }

    [Fact]
    public void Forward_InEvaluation_PassesItsInputThrough()
    {
        var dropout = new SeededDropout("dropout", 0.3);
        dropout.eval();
        var x = Input();
        Assert.True(dropout.forward(x).eq(x).all().item<bool>());
    }
}
