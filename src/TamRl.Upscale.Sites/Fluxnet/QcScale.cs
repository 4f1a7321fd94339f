namespace TamRl.Upscale.Sites.Fluxnet;

/// <summary>
/// One meaning for daily QC across releases: the FLUXNET fraction (0..1) of half-hours that were measured
/// or gap-filled with good quality, 1 meaning a fully measured day.
/// <para>
/// JapanFlux flags run the other way, 0 (best: measured) .. 3 (worst: poor gap-fill), and may be daily means
/// of half-hourly flags. They map linearly by <c>1 - flag / 3</c>: flag 0 becomes 1 (the only value that
/// passes the test mask, qc == 1, as a FLUXNET fully measured day does), flag 3 becomes 0 (no training
/// weight), and a mean flag keeps its order. This is a choice, not a published conversion: a JapanFlux
/// flag of 1 (good gap-fill, weight 2/3) would count fully in a FLUXNET fraction.
/// </para>
/// </summary>
public static class QcScale
{
    public const double JapanFluxWorstFlag = 3;

    /// <summary>The QC fraction from a release's stored QC value; null when the value is outside the release's scale.</summary>
    public static double? ToFraction(FluxnetRelease release, double stored)
    {
        if (release == FluxnetRelease.JapanFlux)
            return stored is >= 0 and <= JapanFluxWorstFlag ? 1 - stored / JapanFluxWorstFlag : null;
        return stored is >= 0 and <= 1 ? stored : null;
    }

    /// <summary>The accepted range of stored QC values, for error messages.</summary>
    public static string Describe(FluxnetRelease release) =>
        release == FluxnetRelease.JapanFlux ? "a JapanFlux flag 0 (best) .. 3" : "a fraction 0..1";
}
