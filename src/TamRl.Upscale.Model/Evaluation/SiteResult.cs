namespace TamRl.Upscale.Model.Evaluation;

/// <summary>One model's scores for one flux at one held-out site.</summary>
public sealed record SiteResult(string Split, string Site, string Igbp, string Koppen, string Model, string Flux, FluxMetrics Metrics);

public static class Fluxes
{
    public static readonly IReadOnlyList<string> Names = ["gpp", "reco", "nee"];
}
