namespace TamRl.Upscale.Products.Checks;

/// <summary>Tolerances and plausible bounds of the checks run before publication.</summary>
public sealed record CheckOptions
{
    /// <summary>Allowed |NEE - (RECO - GPP)|: absolute part, g m-2 d-1.</summary>
    public double BalanceAbsoluteTolerance { get; init; } = 1e-4;

    /// <summary>Allowed |NEE - (RECO - GPP)|: part relative to GPP + RECO (float32 rounding of the terms).</summary>
    public double BalanceRelativeTolerance { get; init; } = 1e-5;

    /// <summary>Allowed |monthly - mean(daily)| relative to the magnitude (float32 storage of the mean).</summary>
    public double MeanRelativeTolerance { get; init; } = 1e-5;

    /// <summary>Plausible global totals, PgC per year, per flux (inclusive bounds).</summary>
    public IReadOnlyDictionary<string, (double Min, double Max)> TotalBounds { get; init; } = new Dictionary<string, (double, double)>
    {
        // Beer et al. (2010): GPP 123 +- 8 PgC/yr; respiration of the same order; NEE a sink of a few PgC/yr.
        ["gpp"] = (60, 200),
        ["reco"] = (50, 200),
        ["nee"] = (-40, 20),
    };

    /// <summary>Why each bound of <see cref="TotalBounds"/> is what it is (the configuration's reasons), stated in checks.json.</summary>
    public IReadOnlyDictionary<string, string> TotalBoundReasons { get; init; } = new Dictionary<string, string>
    {
        ["gpp"] = "default: any plausible global GPP (Beer et al. 2010: 123 +- 8 PgC/yr), wide enough for regional runs",
        ["reco"] = "default: respiration of the order of GPP, wide enough for regional runs",
        ["nee"] = "default: a sink of a few PgC/yr, wide enough for regional runs; configure tighter expectations per job",
    };

    /// <summary>Fluxes whose total bound only warns (<c>"enforce": false</c>): a total outside it is a warning in checks.json, not a failure.</summary>
    public IReadOnlySet<string> AdvisoryTotals { get; init; } = new HashSet<string>();

    /// <summary>Failing pixels and steps listed per check (the count covers all of them).</summary>
    public int MaxListedFailures { get; init; } = 50;

    public static readonly CheckOptions Default = new();
}
