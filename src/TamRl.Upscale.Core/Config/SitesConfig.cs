namespace TamRl.Upscale.Core.Config;

/// <summary>
/// The "sites" section of a pipeline configuration: what <c>tamrl extract-sites</c> reads (docs/sites.md).
/// Paths are relative to the configuration file's folder (<see cref="PipelineConfig.ResolvePath"/>).
/// </summary>
public sealed record SitesConfig
{
    /// <summary>The tower metadata table (site_id, lat, lon, igbp, koppen, network, file).</summary>
    public string? Towers { get; init; }

    /// <summary>The driver cube folder; null: OUT/drivers of the same run.</summary>
    public string? Drivers { get; init; }

    /// <summary>First day of the training period; null: the cube's first day.</summary>
    public DateOnly? Start { get; init; }

    /// <summary>Last day of the training period; null: the cube's last day.</summary>
    public DateOnly? End { get; init; }

    /// <summary>Window length in days (30 in the paper).</summary>
    public int WindowLength { get; init; } = 30;

    /// <summary>Stride between window starts in days (15 in the paper).</summary>
    public int WindowStride { get; init; } = 15;

    /// <summary>Share of sites held out per stratum (0.2: an 80/20 split).</summary>
    public double TestFraction { get; init; } = 0.2;
}
