using TamRl.Upscale.SampleWorld.Randomness;

namespace TamRl.Upscale.SampleWorld.Ecosystem;

/// <summary>
/// The sample world's two latent fields (docs/sample-world.md, "Truth"), defined once for the generator and for
/// the analyses that ask what a model could know of them (bench/run.sh budget-floor): z1 scales light-use
/// efficiency, GPP x exp(0.2 z1); z2 sets a place's annual respiration ratio, RECO = k GPP over a year with
/// k = 0.955 exp(0.04 z2). Both are smooth N(0, 1) fields, nodes 6 and 9 degrees apart, that no driver reveals.
/// </summary>
internal static class LatentFields
{
    /// <summary>z1 at each place (latitude, longitude -180..180).</summary>
    public static void Efficiency(ulong seed, double[] latitudes, double[] longitudes, Span<float> z1) =>
        new SmoothNoiseField(seed, "latent-efficiency", 6, 0, latitudes, longitudes).Sample(z1);

    /// <summary>z2 at each place (latitude, longitude -180..180).</summary>
    public static void Respiration(ulong seed, double[] latitudes, double[] longitudes, Span<float> z2) =>
        new SmoothNoiseField(seed, "latent-respiration", 9, 0, latitudes, longitudes).Sample(z2);

    /// <summary>k: a place's annual RECO over its annual GPP, given its z2.</summary>
    public static double AnnualRespirationRatio(double z2) => 0.955 * Math.Exp(0.04 * z2);

    /// <summary>A place's GPP factor from its z1.</summary>
    public static double EfficiencyFactor(double z1) => Math.Exp(0.2 * z1);
}
