namespace TamRl.Upscale.Bench;

/// <summary>
/// One line of a benchmark table: our wall time beside a reference tool's on the same data in the
/// same run. <see cref="SpeedRatio"/> is reference/ours, so 1.0 means "as fast as the reference" and
/// higher is better; ratios are what we record, since the machines are shared and noisy.
/// </summary>
public sealed record BenchRow(string Name, double OursSeconds, string ReferenceTool, double ReferenceSeconds, string Note = "")
{
    public double SpeedRatio => ReferenceSeconds / OursSeconds;
}
