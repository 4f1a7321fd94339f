using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Jobs.Runs;

/// <summary>
/// The run/chunk table, kept in the job store's database. Every state change a job makes is one
/// conditional statement or one transaction here, so that concurrent and repeated deliveries of the
/// same job agree on who did what: <see cref="CompleteChunk"/> counts a chunk once, and
/// <see cref="TryAdvance"/> lets exactly one caller move a run to its next stage.
/// </summary>
public interface IRunStore
{
    void EnsureSchema();

    /// <summary>
    /// Records a new run. A run whose chunks (or whole domain) overlap an active run on the same
    /// output folder is recorded as waiting for it (reruns of overlapping regions are serialised).
    /// Returns the state it was recorded in.
    /// </summary>
    string CreateRun(RunSpec spec, Stage firstStage, IReadOnlyCollection<string>? chunks = null);

    RunStatus? Find(string runId);

    /// <summary>Records the run's chunks (idempotent: existing rows and the total are kept).</summary>
    void PlanChunks(string runId, IReadOnlyList<string> chunkIds);

    IReadOnlyList<string> ChunkIds(string runId, bool pendingOnly);

    bool IsChunkDone(string runId, string chunkId);

    /// <summary>Counts one attempt at a chunk by a worker (shown by status; the killed-worker test reads it).</summary>
    void ChunkStarted(string runId, string chunkId, string worker);

    /// <summary>
    /// Marks a running chunk stopped: its worker shut down inside it (SIGTERM) and Hangfire will run it again. Without this
    /// the chunk showed as running on a worker that was gone until the next attempt began. A chunk in any other state
    /// (done, or already started again elsewhere) is left as it is.
    /// </summary>
    void ChunkStopped(string runId, string chunkId, string worker);

    /// <summary>Marks a chunk done in one transaction with the run's counter; a second call for the same chunk changes nothing.</summary>
    ChunkCompletion CompleteChunk(string runId, string chunkId, string result);

    /// <summary>Moves a run from one stage to the next if it is still at <paramref name="from"/>; true for exactly one caller.</summary>
    bool TryAdvance(string runId, Stage from, Stage to);

    /// <summary>Records the Hangfire job enqueued for the run's current stage (what <see cref="FindStalled"/> looks for).</summary>
    void SetStageJob(string runId, Stage stage, string jobId);

    /// <summary>
    /// Active runs whose current stage has had no job recorded for longer than <paramref name="age"/>: a
    /// process died between winning a hand-over and enqueuing the next stage.
    /// </summary>
    IReadOnlyList<string> FindStalled(TimeSpan age);

    void RecordFailure(string runId, Stage stage, string? chunkId, int attempt, string message);

    /// <summary>Marks a run done or failed and starts the runs that waited for it; returns those now active.</summary>
    IReadOnlyList<string> Finish(string runId, string state);

    /// <summary>The most recent run on an output folder that finished with published products.</summary>
    RunStatus? LatestPublished(string outDir);

    IReadOnlyList<RunStatus> Recent(int count);

    IReadOnlyList<ChunkRow> Chunks(string runId);
}

/// <summary>
/// One chunk's row: its state (pending, running, stopped, done), how many attempts it took, and the worker of the last
/// attempt.
/// </summary>
public sealed record ChunkRow(string Id, string State, int Attempts, string? Worker);
