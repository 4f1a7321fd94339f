using TorchSharp;
using TamRl.Upscale.Model.Runtime;
using TamRl.Upscale.Model.TamRl;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Training;

/// <summary>
/// The training loss: squared error of each flux head divided by that flux's standard deviation (so the
/// three fluxes count alike), weighted by the day's QC fraction and the site's inverse-frequency class
/// weight, averaged over weighted observed values; plus lambda times the balance term
/// mean((NEE - (RECO - GPP))^2) in physical units (g C m-2 d-1), over every day, observed or not;
/// plus, when <c>windowMeanWeight</c> is above 0, that weight times the squared error of each window's weighted
/// mean (per flux, in the same standardised units, windows weighted by their total day weight).
/// Why the window term: a daily loss barely sees a bias of 0.1-0.2 g C m-2 d-1 under daily noise several times
/// larger, yet that bias, of one sign everywhere, is the whole net budget (issue 19); a 30-day mean averages the
/// noise down about five-fold, so the same bias weighs ~30 times more in its square.
/// </summary>
public static class FluxLoss
{
    public const double DefaultLambda = 0.1;

    /// <param name="physical">Physical heads [batch, time, 3] from <see cref="FluxOutputs.ToPhysical"/>.</param>
    public static Tensor Compute(Tensor physical, TrainingBatch batch, TargetScales scales, double lambda, double windowMeanWeight = 0)
    {
        var scale = tensor(new[] { scales.GppScale, scales.RecoScale, scales.NeeScale }).to(physical.device);
        var error = (physical - batch.Targets) / scale;
        var w = batch.Mask * batch.Weights.unsqueeze(-1);
        var fit = (w * error * error).sum() / w.sum().clamp_min(HeldScalars.WeightFloor);
        var parts = physical.unbind(-1);
        var imbalance = parts[2] - (parts[1] - parts[0]);
        // Held to the end of the method: a bare double here would become a Scalar the collector may free mid-call.
        using var balanceWeight = lambda.ToScalar();
        using var windowWeight = windowMeanWeight.ToScalar();
        var loss = fit + (imbalance * imbalance).mean().mul(balanceWeight);
        return windowMeanWeight > 0 ? loss + WindowMeanError(error, w).mul(windowWeight) : loss;
    }

    /// <summary>Sum over windows and fluxes of W x mean^2 / sum of W, where mean is the window's W-weighted mean error.</summary>
    private static Tensor WindowMeanError(Tensor error, Tensor w)
    {
        var total = w.sum(1);
        var mean = (w * error).sum(1) / total.clamp_min(HeldScalars.WeightFloor);
        return (total * mean * mean).sum() / total.sum().clamp_min(HeldScalars.WeightFloor);
    }
}
