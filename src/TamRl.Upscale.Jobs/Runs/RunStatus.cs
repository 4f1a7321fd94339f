using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Jobs.Runs;

/// <summary>Where a run stands: active, waiting for an overlapping rerun, done or failed.</summary>
public static class RunStates
{
    public const string Waiting = "waiting";
    public const string Active = "active";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>One failure recorded for a run (a stage or a chunk attempt), with its message.</summary>
public sealed record RunFailure(string Stage, string? Chunk, int Attempt, string Message, DateTimeOffset At);

/// <summary>A run as the run table holds it: what it was asked, where it stands, what went wrong.</summary>
public sealed record RunStatus(
    RunSpec Spec,
    string State,
    Stage Stage,
    int ChunksDone,
    int ChunksTotal,
    string? WaitsFor,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    IReadOnlyList<RunFailure> Failures)
{
    public bool Finished => State is RunStates.Done or RunStates.Failed;

    /// <summary>One line for the progress display and logs.</summary>
    public string Summary =>
        $"{Spec.Id}: {State}, stage {Stage.Label()}" +
        (ChunksTotal > 0 ? $", chunks {ChunksDone}/{ChunksTotal}" : "") +
        (WaitsFor is not null && State == RunStates.Waiting ? $", waiting for {WaitsFor}" : "") +
        (Failures.Count > 0 ? $", {Failures.Count} failure(s)" : "");
}
