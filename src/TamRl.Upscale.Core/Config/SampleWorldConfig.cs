namespace TamRl.Upscale.Core.Config;

/// <summary>
/// The "sampleWorld" section: the run generates its own inputs with <c>tamrl sample-data</c> (docs/sample-world.md)
/// into <see cref="Folder"/> before ingest, and reuses them when a world of the same settings is already there.
/// </summary>
public sealed record SampleWorldConfig
{
    /// <summary>Where the world goes; "{out}/world" by default (see <see cref="PipelineConfig.ResolvePath"/>).</summary>
    public string Folder { get; init; } = "{out}/world";

    /// <summary>Grid resolution in degrees (2, 1, 0.5 or 0.25).</summary>
    public double Resolution { get; init; } = 2.0;

    /// <summary>First month, YYYY-MM.</summary>
    public string Start { get; init; } = "2019-01";

    /// <summary>Last month, YYYY-MM.</summary>
    public string End { get; init; } = "2020-12";

    /// <summary>Region W,S,E,N; null for the globe.</summary>
    public string? Bbox { get; init; }
}
