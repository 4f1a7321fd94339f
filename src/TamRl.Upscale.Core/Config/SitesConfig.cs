using System.Text.Json.Serialization;

namespace TamRl.Upscale.Core.Config;

/// <summary>
/// The "sites" section of a pipeline configuration: what <c>tamrl extract-sites</c> reads (docs/sites.md).
/// Paths are relative to the configuration file's folder (<see cref="PipelineConfig.ResolvePath"/>).
/// </summary>
public sealed record SitesConfig
{
    /// <summary>
    /// Tower tables, or folders holding a <c>sites.csv</c> and the tower files: one string or a list, joined in order
    /// (a site id may appear in only one of them).
    /// </summary>
    [JsonConverter(typeof(OneOrManyStringsConverter))]
    public IReadOnlyList<string>? Towers { get; init; }

    /// <summary>Where the drivers come from: <c>cube</c> (the driver cube at each tower's cell) or <c>towers</c> (each tower's own meteorology).</summary>
    public string DriverSource { get; init; } = "cube";

    /// <summary>The driver cube folder; null: OUT/drivers of the same run.</summary>
    public string? Drivers { get; init; }

    /// <summary>
    /// The model's features with <c>driverSource: towers</c>: tower meteorology (<see cref="Meteorology"/>'s keys) and
    /// features computed from location and date (sw_pot, day_length, season_sin, season_cos). Null: the default tower set.
    /// </summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Tower file column of each measured feature with <c>driverSource: towers</c>; null: ta TA_F, sw_in SW_IN_F, vpd VPD_F.</summary>
    public IReadOnlyDictionary<string, string>? Meteorology { get; init; }

    /// <summary>The tower file columns of the targets and of the NEE QC; null: the USTAR50 night-time partitioning (the paper's).</summary>
    public TowerColumnsConfig? Columns { get; init; }

    /// <summary>First day of the training period; null: the cube's first day (towers: the first tower day).</summary>
    public DateOnly? Start { get; init; }

    /// <summary>Last day of the training period; null: the cube's last day (towers: the last tower day).</summary>
    public DateOnly? End { get; init; }

    /// <summary>Window length in days (30 in the paper).</summary>
    public int WindowLength { get; init; } = 30;

    /// <summary>Stride between window starts in days (15 in the paper).</summary>
    public int WindowStride { get; init; } = 15;

    /// <summary>Share of sites held out per stratum (0.2: an 80/20 split).</summary>
    public double TestFraction { get; init; } = 0.2;
}

/// <summary>
/// Which columns of the tower files are the targets: FLUXNET releases differ (<c>_REF</c> or <c>_USTAR50</c>,
/// night-time or daytime partitioning). Any field left out keeps the default (the paper's USTAR50 night-time set).
/// </summary>
public sealed record TowerColumnsConfig
{
    public string? Gpp { get; init; }
    public string? Reco { get; init; }
    public string? Nee { get; init; }
    public string? NeeQc { get; init; }
}
