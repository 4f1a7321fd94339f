using System.Text;

namespace TamRl.Upscale.Jobs.Runs;

/// <summary>A run as the API returns it and `tamrl status` prints it.</summary>
public sealed record RunView(
    string Id, string Kind, string Pipeline, string State, string Stage, int ChunksDone, int ChunksTotal,
    string? WaitsFor, string? Parent, string? Region, string? Period, string OutDir, DateTimeOffset Created,
    DateTimeOffset Updated, IReadOnlyList<RunFailure> Failures)
{
    public static RunView From(RunStatus s) => new(
        s.Spec.Id, s.Spec.Kind, s.Spec.Pipeline, s.State, s.Stage.Label(), s.ChunksDone, s.ChunksTotal, s.WaitsFor,
        s.Spec.Parent, s.Spec.RegionWkt, s.Spec.PeriodFrom is null ? null : $"{s.Spec.PeriodFrom}..{s.Spec.PeriodTo}",
        s.Spec.OutDir, s.Created, s.Updated, s.Failures);

    public string ToText()
    {
        var b = new StringBuilder();
        b.AppendLine($"run {Id} ({Kind}, pipeline {Pipeline})");
        b.AppendLine($"  state   {State}{(WaitsFor is not null && State == RunStates.Waiting ? $" (waiting for {WaitsFor})" : "")}");
        b.AppendLine($"  stage   {Stage}");
        b.AppendLine($"  chunks  {ChunksDone}/{ChunksTotal}");
        if (Parent is not null) b.AppendLine($"  patches {Parent}");
        if (Region is not null) b.AppendLine($"  region  {Region}");
        if (Period is not null) b.AppendLine($"  period  {Period}");
        b.AppendLine($"  output  {OutDir}");
        b.AppendLine($"  updated {Updated:yyyy-MM-dd HH:mm:ss}Z");
        b.AppendLine($"  failures {Failures.Count}");
        foreach (var f in Failures)
            b.AppendLine($"    {f.At:HH:mm:ss} {f.Stage}{(f.Chunk is null ? "" : " chunk " + f.Chunk)} attempt {f.Attempt}: {f.Message}");
        return b.ToString();
    }
}
