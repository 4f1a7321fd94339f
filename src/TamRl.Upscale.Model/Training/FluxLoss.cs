using TamRl.Upscale.Model.TamRl;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Training;

/// <summary>
/// The training loss: squared error of each flux head divided by that flux's standard deviation (so the
/// three fluxes count alike), weighted by the day's QC fraction and the site's inverse-frequency class
/// weight, averaged over weighted observed values; plus lambda times the balance term
/// mean((NEE - (RECO - GPP))^2) in physical units (g C m-2 d-1), over every day, observed or not.
/// </summary>
public static class FluxLoss
{
    public const double DefaultLambda = 0.1;

    /// <param name="physical">Physical heads [batch, time, 3] from <see cref="FluxOutputs.ToPhysical"/>.</param>
    public static Tensor Compute(Tensor physical, TrainingBatch batch, TargetScales scales, double lambda)
    {
        var scale = tensor(new[] { scales.GppScale, scales.RecoScale, scales.NeeScale }).to(physical.device);
        var error = (physical - batch.Targets) / scale;
        var w = batch.Mask * batch.Weights.unsqueeze(-1);
        var fit = (w * error * error).sum() / w.sum().clamp_min(1e-6);
        var parts = physical.unbind(-1);
        var imbalance = parts[2] - (parts[1] - parts[0]);
        return fit + lambda * (imbalance * imbalance).mean();
    }
}
