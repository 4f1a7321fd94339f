using static TorchSharp.torch;

namespace TamRl.Upscale.Model.TamRl;

/// <summary>
/// How raw model outputs become fluxes in g C m-2 d-1, and how the balance is made exact.
/// <para>Heads: GPP = softplus(o0) * sGPP and RECO = softplus(o1) * sRECO are non-negative by construction
/// (s = the training targets' standard deviation); NEE = o2 * sNEE + mNEE is a free head. Training fits
/// all three heads and adds lambda * mean((NEE - (RECO - GPP))^2) in physical units, so the NEE head
/// and the difference of the other two learn to agree.</para>
/// <para>What leaves the model is projected onto the balance: the orthogonal projection of (GPP, RECO, NEE)
/// onto the plane NEE = RECO - GPP moves each by e/3 with e = GPP - RECO + NEE; GPP and RECO are then
/// clipped at zero and NEE is recomputed as RECO - GPP in float32, so the balance holds exactly.</para>
/// </summary>
public static class FluxOutputs
{
    /// <summary>Raw outputs [.., 3] to physical (gpp, reco, nee) heads [.., 3].</summary>
    public static Tensor ToPhysical(Tensor raw, TargetScales scales)
    {
        var parts = raw.unbind(-1);
        var gpp = nn.functional.softplus(parts[0]) * scales.GppScale;
        var reco = nn.functional.softplus(parts[1]) * scales.RecoScale;
        var nee = parts[2] * scales.NeeScale + scales.NeeMean;
        return stack(new[] { gpp, reco, nee }, -1);
    }

    /// <summary>Physical heads [.., 3] to balanced, non-negative fluxes [.., 3] (float32).</summary>
    public static Tensor Balance(Tensor physical)
    {
        var p = physical.to_type(ScalarType.Float32).unbind(-1);
        var e = (p[0] - p[1] + p[2]) / 3f;
        var gpp = nn.functional.relu(p[0] - e);
        var reco = nn.functional.relu(p[1] + e);
        return stack(new[] { gpp, reco, reco - gpp }, -1);
    }
}

/// <summary>The scales of the physical heads, from the training targets.</summary>
public sealed record TargetScales(float GppScale, float RecoScale, float NeeScale, float NeeMean);
