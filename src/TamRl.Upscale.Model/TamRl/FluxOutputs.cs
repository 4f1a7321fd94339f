using TorchSharp;
using TamRl.Upscale.Model.Runtime;
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
        // Held to the end of the method: a bare float here would become a Scalar the collector may free mid-call (HeldScalars).
        using var gppScale = scales.GppScale.ToScalar();
        using var recoScale = scales.RecoScale.ToScalar();
        using var neeScale = scales.NeeScale.ToScalar();
        using var neeMean = scales.NeeMean.ToScalar();
        var gpp = HeldScalars.Softplus(parts[0]).mul(gppScale);
        var reco = HeldScalars.Softplus(parts[1]).mul(recoScale);
        var nee = parts[2].mul(neeScale).add(neeMean);
        return stack(new[] { gpp, reco, nee }, -1);
    }

    /// <summary>Physical heads [.., 3] to balanced, non-negative fluxes [.., 3] (float32).</summary>
    public static Tensor Balance(Tensor physical, BalanceMode mode = BalanceMode.Equal)
    {
        var p = physical.to_type(ScalarType.Float32).unbind(-1);
        if (mode == BalanceMode.Nee)
        {
            // NEE is what a tower measures (GPP and RECO are partitioned from it): keep the NEE head, split the
            // disagreement e = GPP - RECO + NEE between GPP and RECO, and keep NEE through GPP's clipping at zero.
            var half = (p[0] - p[1] + p[2]).div(HeldScalars.Two);
            var g = nn.functional.relu(p[0] - half);
            var r = nn.functional.relu(g + p[2]);
            return stack(new[] { g, r, r - g }, -1);
        }
        var e = (p[0] - p[1] + p[2]).div(HeldScalars.Three);
        var gpp = nn.functional.relu(p[0] - e);
        var reco = nn.functional.relu(p[1] + e);
        return stack(new[] { gpp, reco, reco - gpp }, -1);
    }

    /// <summary>The bundle's name of a mode ("equal", "nee"); null for an unknown name.</summary>
    public static BalanceMode? ParseMode(string name) => name switch
    {
        "equal" => BalanceMode.Equal,
        "nee" => BalanceMode.Nee,
        _ => null,
    };
}

/// <summary>How the three heads are made to satisfy NEE = RECO - GPP (bundle.json <c>balance</c>).</summary>
public enum BalanceMode
{
    /// <summary>The orthogonal projection: each head moves by a third of the disagreement (the default).</summary>
    Equal,

    /// <summary>The NEE head is kept; GPP and RECO take half of the disagreement each (issue 19).</summary>
    Nee,
}

/// <summary>The scales of the physical heads, from the training targets.</summary>
public sealed record TargetScales(float GppScale, float RecoScale, float NeeScale, float NeeMean);
