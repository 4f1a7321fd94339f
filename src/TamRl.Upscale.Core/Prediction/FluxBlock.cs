namespace TamRl.Upscale.Core.Prediction;

/// <summary>
/// Predicted daily fluxes for a <see cref="PixelBlock"/>, each laid out [pixel, day], g C m-2 d-1.
/// The spreads are the ensemble's standard deviation. Invariants a predictor guarantees:
/// Gpp >= 0, Reco >= 0 and Nee == Reco - Gpp exactly (in float32).
/// </summary>
public sealed record FluxBlock(int Pixels, int Days, float[] Gpp, float[] Reco, float[] Nee, float[] GppSpread, float[] RecoSpread, float[] NeeSpread)
{
    /// <summary>Members behind <see cref="MemberMeans"/> (0: not given).</summary>
    public int Members { get; init; }

    /// <summary>
    /// Each member's mean GPP, RECO and NEE over each of the block's <see cref="PixelBlock.MemberMeanSpans"/>, laid out
    /// [member, pixel, span, flux] (flux 0 GPP, 1 RECO, 2 NEE), g C m-2 d-1; null when the predictor keeps no members
    /// or none were asked for.
    /// </summary>
    public float[]? MemberMeans { get; init; }
}
