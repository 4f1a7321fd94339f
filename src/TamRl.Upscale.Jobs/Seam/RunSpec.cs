namespace TamRl.Upscale.Jobs.Seam;

/// <summary>What a run is asked to do, as recorded in the run table; stages read it, never Hangfire arguments.</summary>
/// <param name="Id">The run id (the key of every job of the run).</param>
/// <param name="Pipeline">The stage set's name (see <see cref="StageCatalog"/>).</param>
/// <param name="ConfigPath">The pipeline configuration (jobs/*.json), absolute.</param>
/// <param name="OutDir">The output folder: products under OUT/products; where a run's own work goes is the stage set's
/// (the real pipeline: OUT/runs/RUN, docs/data-contracts.md).</param>
/// <param name="Kind">run, rerun or monthly.</param>
/// <param name="RegionWkt">For a rerun: the region (WKT, lon/lat degrees); null for the whole domain.</param>
/// <param name="PeriodFrom">First month (YYYY-MM) or null for the configuration's period.</param>
/// <param name="PeriodTo">Last month (YYYY-MM) or null.</param>
/// <param name="Parent">For a rerun: the run it was submitted against (the root of its lineage). What it patches is the
/// products published for its period when it assembles and publishes, which may be another rerun's.</param>
public sealed record RunSpec(
    string Id,
    string Pipeline,
    string ConfigPath,
    string OutDir,
    string Kind = RunKinds.Run,
    string? RegionWkt = null,
    string? PeriodFrom = null,
    string? PeriodTo = null,
    string? Parent = null)
{
    public string ProductsDir => Path.Combine(OutDir, "products");
}

public static class RunKinds
{
    public const string Run = "run";
    public const string Rerun = "rerun";
    public const string Monthly = "monthly";
}
