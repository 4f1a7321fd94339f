namespace TamRl.Upscale.Core.Prediction;

/// <summary>
/// Predicted daily fluxes for a <see cref="PixelBlock"/>, each laid out [pixel, day], g C m-2 d-1.
/// The spreads are the ensemble's standard deviation. Invariants a predictor guarantees:
/// Gpp >= 0, Reco >= 0 and Nee == Reco - Gpp exactly (in float32).
/// </summary>
public sealed record FluxBlock(int Pixels, int Days, float[] Gpp, float[] Reco, float[] Nee, float[] GppSpread, float[] RecoSpread, float[] NeeSpread);
