using TamRl.Upscale.Model.TamRl;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests.TamRl;

public class FluxOutputsTests
{
    [Fact]
    public void ToPhysical_NeverGivesNegativeGppOrReco()
    {
        var raw = randn(50, 4, 3) * 10;
        var p = FluxOutputs.ToPhysical(raw, new TargetScales(3, 2, 1.5f, -0.5f));
        Assert.True(p[.., .., 0].min().item<float>() >= 0);
        Assert.True(p[.., .., 1].min().item<float>() >= 0);
    }

    [Fact]
    public void Balance_HoldsExactly_AndKeepsGppAndRecoNonNegative()
    {
        manual_seed(5);
        var physical = randn(100, 8, 3) * 5;
        var balanced = FluxOutputs.Balance(physical);
        var gpp = balanced[.., .., 0].data<float>().ToArray();
        var reco = balanced[.., .., 1].data<float>().ToArray();
        var nee = balanced[.., .., 2].data<float>().ToArray();
        for (var i = 0; i < gpp.Length; i++)
        {
            Assert.True(gpp[i] >= 0 && reco[i] >= 0);
            Assert.Equal(reco[i] - gpp[i], nee[i]);
        }
    }

    [Fact]
    public void Balance_LeavesBalancedNonNegativeFluxesAlone()
    {
        var physical = tensor(new float[] { 4, 3, -1, 1, 2, 1 }, new long[] { 2, 3 });
        Assert.True(FluxOutputs.Balance(physical).allclose(physical));
    }

    [Fact]
    public void Balance_WithTheNeeMode_KeepsTheNeeHead_AndSplitsTheDisagreementBetweenGppAndReco()
    {
        // GPP 5, RECO 4, NEE head -0.4: RECO - GPP = -1, disagreement e = 5 - 4 - 0.4 = 0.6.
        var physical = tensor(new float[] { 5, 4, -0.4f, 0.2f, 1.5f, 1.0f }, new long[] { 2, 3 });

        var b = FluxOutputs.Balance(physical, BalanceMode.Nee).data<float>().ToArray();

        Assert.Equal([4.7f, 4.3f, -0.4f], b[..3], (x, y) => Math.Abs(x - y) < 1e-5);
        // GPP would be 0.2 - (0.2 - 1.5 + 1) / 2 = 0.35; RECO = GPP + NEE = 1.35; the NEE head survives.
        Assert.Equal([0.35f, 1.35f, 1.0f], b[3..], (x, y) => Math.Abs(x - y) < 1e-5);
        Assert.Equal(BalanceMode.Nee, FluxOutputs.ParseMode("nee"));
        Assert.Null(FluxOutputs.ParseMode("NEE?"));
    }
}
