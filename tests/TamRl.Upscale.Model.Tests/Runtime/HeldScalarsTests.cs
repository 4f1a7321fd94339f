using TamRl.Upscale.Model.Runtime;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests.Runtime;

public class HeldScalarsTests
{
    [Fact]
    public void Softplus_IsTorchSharpsSoftplus_BitForBit_ValuesAndGradients()
    {
        // Across the threshold (20), where libtorch's kernel switches to the identity, and far into both tails.
        var values = cat([linspace(-30, 30, 241), tensor(new[] { 19.999f, 20f, 20.001f, -1e-7f, 1e-7f })]);
        var ours = values.clone().requires_grad_(true);
        var theirs = values.clone().requires_grad_(true);

        var a = HeldScalars.Softplus(ours);
        var b = nn.functional.softplus(theirs);
        a.mul(values).sum().backward();
        b.mul(values).sum().backward();

        Assert.True(HeldScalars.SoftplusHeld, "TorchSharp's softplus1(Scalar, Scalar) was not found: softplus makes temporary Scalars again");
        Assert.True(a.detach().eq(b.detach()).all().item<bool>(), "values differ");
        Assert.True(ours.grad!.eq(theirs.grad!).all().item<bool>(), "gradients differ");
    }
}
