namespace TamRl.Upscale.Model.Evaluation;

/// <summary>One model's scores for one flux at one held-out site.</summary>
public sealed record SiteResult(string Split, string Site, string Igbp, string Koppen, string Model, string Flux, FluxMetrics Metrics)
{
    /// <summary>Which repeat of the split (its seed when drawn by seed; 0 for a single split): a site may be held out in several.</summary>
    public int Repeat { get; init; }
}

/// <summary>One split of a comparison: its name ("igbp", "koppen", a user's), which repeat, and the sites.</summary>
public sealed record EvaluationSplit(string Name, int Repeat, IReadOnlyList<string> Train, IReadOnlyList<string> Test);

public static class Fluxes
{
    public static readonly IReadOnlyList<string> Names = ["gpp", "reco", "nee"];
}
