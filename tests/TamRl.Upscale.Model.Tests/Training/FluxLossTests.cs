using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Tests.Training;

public class FluxLossTests
{
    private static readonly TargetScales Scales = new(2f, 1f, 1f, 0f);

    private static TrainingBatch Batch(float[] targets, float[] mask, float[] weights) =>
        new(new ModelInputs(zeros(1, 2, 1), zeros(1, 1)),
            tensor(targets, new long[] { 1, 2, 3 }), tensor(mask, new long[] { 1, 2, 3 }), tensor(weights, new long[] { 1, 2 }));

    [Fact]
    public void BalanceTerm_IsInPhysicalUnits_AndWeightedByLambda()
    {
        // A perfect fit of targets that are themselves out of balance by 1 g C m-2 d-1 on both days.
        var values = new float[] { 4, 3, 0, 4, 3, 0 };
        var physical = tensor(values, new long[] { 1, 2, 3 });
        var batch = Batch(values, [1, 1, 1, 1, 1, 1], [1, 1]);
        Assert.Equal(0.1, FluxLoss.Compute(physical, batch, Scales, 0.1).item<float>(), 6);
        Assert.Equal(0.0, FluxLoss.Compute(physical, batch, Scales, 0.0).item<float>(), 6);
    }

    [Fact]
    public void FitTerm_IgnoresMaskedValues_AndWeighsByQc()
    {
        var physical = tensor(new float[] { 2, 1, -1, 2, 1, -1 }, new long[] { 1, 2, 3 });
        // Day 0 GPP off by 2 (scale 2 -> standardised error 1), day 1 RECO off by 5 but masked.
        var batch = Batch([0, 1, -1, 2, 6, -1], [1, 1, 1, 1, 0, 1], [1, 1]);
        Assert.Equal(1.0 / 5, FluxLoss.Compute(physical, batch, Scales, 0).item<float>(), 5);
        // QC weight 0 on day 0 removes its error entirely.
        var weighted = Batch([0, 1, -1, 2, 6, -1], [1, 1, 1, 1, 0, 1], [0, 1]);
        Assert.Equal(0.0, FluxLoss.Compute(physical, weighted, Scales, 0).item<float>(), 6);
    }

    [Fact]
    public void WindowMeanTerm_WeighsABiasOfOneSign_ButNotNoiseThatAveragesOut()
    {
        // Two windows with the same daily squared error (GPP off by 2 on both days, i.e. 1 in standardised units):
        // in the first the error has one sign (a bias), in the second it alternates and its window mean is 0.
        var truth = new float[] { 4, 3, -1, 4, 3, -1 };
        var biased = tensor(new float[] { 6, 3, -1, 6, 3, -1 }, new long[] { 1, 2, 3 });
        var noisy = tensor(new float[] { 6, 3, -1, 2, 3, -1 }, new long[] { 1, 2, 3 });
        var batch = Batch(truth, [1, 1, 1, 1, 1, 1], [1, 1]);
        var fitOnly = FluxLoss.Compute(biased, batch, Scales, 0).item<float>();
        Assert.Equal(fitOnly, FluxLoss.Compute(noisy, batch, Scales, 0).item<float>(), 6);
        // Weighted over the 3 fluxes' window totals (2 days each): GPP's mean error 1 -> 2 x 1 / 6.
        Assert.Equal(fitOnly + 2.0 * (2.0 / 6), FluxLoss.Compute(biased, batch, Scales, 0, windowMeanWeight: 2).item<float>(), 5);
        Assert.Equal(fitOnly, FluxLoss.Compute(noisy, batch, Scales, 0, windowMeanWeight: 2).item<float>(), 5);
    }

    [Fact]
    public void WindowMeanTerm_IgnoresMaskedDays()
    {
        // Day 1's GPP is off in the other direction but masked: the window mean is day 0's error alone.
        var physical = tensor(new float[] { 6, 3, -1, 0, 3, -1 }, new long[] { 1, 2, 3 });
        var batch = Batch([4, 3, -1, 4, 3, -1], [1, 1, 1, 0, 1, 1], [1, 1]);
        var fitOnly = FluxLoss.Compute(physical, batch, Scales, 0).item<float>();
        // Totals: GPP 1 day, RECO 2, NEE 2; GPP's mean error 1 -> 1 x 1 / 5.
        Assert.Equal(fitOnly + 1.0 / 5, FluxLoss.Compute(physical, batch, Scales, 0, windowMeanWeight: 1).item<float>(), 5);
    }
}
