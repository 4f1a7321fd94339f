using System.ComponentModel;
using Hangfire;
using Hangfire.Server;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Jobs.Orchestration;

/// <summary>
/// The Hangfire jobs: thin entry points that take ids, read the run from the run table, check "already
/// done" first, call the stage through the seam, and move the run on. Delivery is at least once: a job
/// repeated after a crash or a retry finds its work done (the run has moved past its stage, or the chunk
/// is marked done) and only re-attempts the hand-over, which the run table grants to exactly one caller.
/// </summary>
[AutomaticRetry(Attempts = MaxRetries, DelaysInSeconds = [1, 5, 30, 120], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class PipelineJobs(IRunStore runs, StageCatalog catalog, IBackgroundJobClient client)
{
    /// <summary>Retries after the first attempt; the last failure marks the run failed.</summary>
    public const int MaxRetries = 4;

    [DisplayName("{1} · {0}")]
    public void RunStage(string runId, Stage stage, PerformContext? context)
    {
        var run = runs.Find(runId) ?? throw new InvalidOperationException($"run {runId} is not in the run table");
        RecordMissedFailures(run, stage, null, context);
        if (run.State != RunStates.Active || run.Stage != stage)
            return; // done already (a repeated delivery), or not this stage's turn
        var set = catalog.Resolve(run.Spec.Pipeline);
        var spec = run.Spec;
        try
        {
            switch (stage)
            {
                case Stage.Ingest: set.Stages.Ingest(spec); break;
                case Stage.ExtractSites: set.Stages.ExtractSites(spec); break;
                // A worker shutting down (SIGTERM) stops training at the next batch; the job runs again and resumes from the checkpoint.
                case Stage.Train: set.Stages.Train(spec, ShutdownToken(context)); break;
                case Stage.Infer: FanOut(run, set); return; // the last chunk moves the run on
                case Stage.Assemble: set.Stages.Assemble(spec, runs.ChunkIds(runId, pendingOnly: false)); break;
                case Stage.Check: set.Stages.Check(spec); break;
                case Stage.Publish:
                    // One publication per output folder at a time (PublishTurn: freed at once if its holder dies).
                    using (PublishTurn.Take(spec.OutDir, TimeSpan.FromMinutes(30)))
                        set.Stages.Publish(spec);
                    break;
                case Stage.Done: return;
            }
        }
        catch (Exception e) when (!StoppedForShutdown(e, context))
        {
            Fail(runId, stage, null, context, e);
            throw;
        }
        Advance(runId, stage);
    }

    [DisplayName("infer · {0} · chunk {1}")]
    public void InferChunk(string runId, string chunkId, PerformContext? context)
    {
        var run = runs.Find(runId) ?? throw new InvalidOperationException($"run {runId} is not in the run table");
        RecordMissedFailures(run, Stage.Infer, chunkId, context);
        if (run.State != RunStates.Active || run.Stage != Stage.Infer)
            return;
        ChunkCompletion completion;
        if (runs.IsChunkDone(runId, chunkId))
        {
            // Repeated delivery: the work is done; only the hand-over below may still be owed.
            completion = new ChunkCompletion(false, run.ChunksDone, run.ChunksTotal);
        }
        else
        {
            var worker = WorkerName(context);
            runs.ChunkStarted(runId, chunkId, worker);
            string result;
            try
            {
                // A worker shutting down (SIGTERM) stops the chunk at its next batch; the job runs again (elsewhere).
                result = catalog.Resolve(run.Spec.Pipeline).Stages.InferChunk(run.Spec, chunkId, ShutdownToken(context));
            }
            catch (Exception e) when (StoppedForShutdown(e, context))
            {
                runs.ChunkStopped(runId, chunkId, worker); // not "running" on a worker that is gone
                throw;
            }
            catch (Exception e)
            {
                Fail(runId, Stage.Infer, chunkId, context, e);
                throw;
            }
            completion = runs.CompleteChunk(runId, chunkId, result);
        }
        if (completion.AllDone)
            Advance(runId, Stage.Infer);
    }

    /// <summary>The monthly regeneration (registered as a recurring job): a run over the latest complete month.</summary>
    [DisplayName("monthly regeneration · {0}")]
    public void Regenerate(string scheduleId, string pipeline, string configPath, string outDir, string timeZoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var month = MonthlyPeriod.LatestComplete(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone));
        new RunSubmitter(runs, client).Submit(new RunSpec(RunSubmitter.NewRunId(RunKinds.Monthly), pipeline, configPath, outDir,
            RunKinds.Monthly, PeriodFrom: month, PeriodTo: month));
    }

    private void FanOut(RunStatus run, StageSet set)
    {
        if (run.ChunksTotal == 0)
            runs.PlanChunks(run.Spec.Id, set.Planner.Plan(run.Spec).Select(c => c.Id).ToList());
        var pending = runs.ChunkIds(run.Spec.Id, pendingOnly: true);
        if (pending.Count == 0)
        {
            Advance(run.Spec.Id, Stage.Infer); // nothing (left) to compute
            return;
        }
        foreach (var chunk in pending)
            client.Enqueue<PipelineJobs>(j => j.InferChunk(run.Spec.Id, chunk, null));
    }

    private void Advance(string runId, Stage from)
    {
        var next = from.Next();
        if (!runs.TryAdvance(runId, from, next))
            return; // another delivery handed over already
        if (next != Stage.Done)
        {
            EnqueueStage(runs, client, runId, next);
            return;
        }
        StartAll(runs.Finish(runId, RunStates.Done));
    }

    private void Fail(string runId, Stage stage, string? chunkId, PerformContext? context, Exception e)
    {
        try
        {
            var attempt = (context?.GetJobParameter<int>("RetryCount") ?? 0) + 1;
            runs.RecordFailure(runId, stage, chunkId, attempt, Describe(e));
            // Bad input or configuration fails the same way every time: the run fails at once (the retries
            // Hangfire still schedules find the run no longer active and return).
            if (attempt > MaxRetries || e is Core.Errors.InvalidInputException)
                StartAll(runs.Finish(runId, RunStates.Failed));
        }
        catch (Exception bookkeeping) when (bookkeeping is System.Data.Common.DbException or TimeoutException or IOException)
        {
            // The run table is out of reach (its database went away, often the very failure being recorded). Hangfire still
            // records the original exception, which the next attempt copies into the run table (RecordMissedFailures).
            Console.Error.WriteLine($"run {runId}: {stage.Label()}{(chunkId is null ? "" : " chunk " + chunkId)} failed ({e.GetType().Name}) " +
                $"and the run table could not record it: {bookkeeping.GetType().Name}: {bookkeeping.Message}");
        }
    }

    /// <summary>
    /// Copies into the run table the failed attempts of this job that Hangfire recorded but the run table missed: a job that
    /// failed because the database went away (PostgreSQL restarted) could not record its failure then, and Hangfire retried
    /// it. Called at the start of every retried attempt, so `tamrl status` shows them from the next attempt on; each
    /// Failed state of the job's history is attempt 1, 2, ... in order, and only attempts the run table lacks are added.
    /// </summary>
    private void RecordMissedFailures(RunStatus run, Stage stage, string? chunkId, PerformContext? context)
    {
        if (context?.BackgroundJob?.Id is not { } jobId || context.GetJobParameter<int>("RetryCount") == 0)
            return;
        var history = context.Storage.GetMonitoringApi().JobDetails(jobId)?.History;
        if (history is null)
            return;
        var failed = history.Where(h => h.StateName == Hangfire.States.FailedState.StateName).OrderBy(h => h.CreatedAt).ToList();
        var recorded = run.Failures.Where(f => f.Stage == stage.Label() && f.Chunk == chunkId).Select(f => f.Attempt).ToHashSet();
        for (var i = 0; i < failed.Count; i++)
        {
            if (recorded.Contains(i + 1))
                continue;
            var data = failed[i].Data;
            var type = data.TryGetValue("ExceptionType", out var t) ? t[(t.LastIndexOf('.') + 1)..] : "Exception";
            var message = data.TryGetValue("ExceptionMessage", out var m) ? m : failed[i].Reason;
            runs.RecordFailure(run.Spec.Id, stage, chunkId, i + 1,
                $"{type}: {message} (at {failed[i].CreatedAt:HH:mm:ss}Z; recorded by the next attempt: the run table was out of reach)");
        }
    }

    private static CancellationToken ShutdownToken(PerformContext? context) =>
        context?.CancellationToken?.ShutdownToken ?? CancellationToken.None;

    /// <summary>A stage that stopped because its worker is shutting down did not fail: Hangfire requeues the job.</summary>
    private static bool StoppedForShutdown(Exception e, PerformContext? context) =>
        e is OperationCanceledException && ShutdownToken(context).IsCancellationRequested;

    /// <summary>
    /// A failure as the run table records it: its type and message, a full disk as DiskFullException naming the file
    /// whichever writer hit it (a .NET IOException, netCDF-C, GDAL) so that `tamrl status` says which disk to clear.
    /// </summary>
    internal static string Describe(Exception e) =>
        Core.Errors.DiskFullException.Find(e) is { } full && full != e
            ? $"{nameof(Core.Errors.DiskFullException)}: {full.Message} ({e.GetType().Name}: {e.Message})"
            : $"{e.GetType().Name}: {e.Message}";

    private void StartAll(IReadOnlyList<string> started)
    {
        foreach (var id in started)
            if (runs.Find(id) is { } run)
                EnqueueStage(runs, client, id, run.Stage);
    }

    /// <summary>Enqueues a run's stage job and records its id in the run table.</summary>
    internal static string EnqueueStage(IRunStore runs, IBackgroundJobClient client, string runId, Stage stage)
    {
        var jobId = client.Enqueue<PipelineJobs>(j => j.RunStage(runId, stage, null));
        runs.SetStageJob(runId, stage, jobId);
        return jobId;
    }

    /// <summary>
    /// Re-enqueues the stage of runs stalled by a process that died between a hand-over and its enqueue
    /// (registered by the server to run every minute). A stage job is idempotent, so a rare duplicate
    /// with a slow hand-over is harmless; the age threshold makes one unlikely.
    /// </summary>
    [DisplayName("reconcile stalled runs")]
    [AutomaticRetry(Attempts = 0)]
    public void Reconcile() => ReconcileOlderThan(StalledAfter);

    internal void ReconcileOlderThan(TimeSpan age)
    {
        foreach (var id in runs.FindStalled(age))
            if (runs.Find(id) is { } run)
                EnqueueStage(runs, client, id, run.Stage);
    }

    /// <summary>How long a run may sit at a stage with no job recorded before <see cref="Reconcile"/> enqueues one.</summary>
    public static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(2);

    private static string WorkerName(PerformContext? context) =>
        context?.ServerId is { } server ? server : $"{Environment.MachineName}:{Environment.ProcessId}";
}
