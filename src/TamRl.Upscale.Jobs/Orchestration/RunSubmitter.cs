using System.Security.Cryptography;
using Hangfire;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Jobs.Orchestration;

/// <summary>Records a run in the run table and enqueues its first stage (unless it waits for an overlapping run).</summary>
public sealed class RunSubmitter(IRunStore runs, IBackgroundJobClient client)
{
    public static string NewRunId(string kind) =>
        $"{kind}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

    /// <summary>A whole run: every stage from ingest.</summary>
    public RunStatus Submit(RunSpec spec) => Start(spec, Stage.Ingest, null);

    /// <summary>A rerun of some chunks with the parent's model: from inference on, patching the parent's products.</summary>
    public RunStatus SubmitRerun(RunSpec spec, IReadOnlyCollection<string> chunks) => Start(spec, Stage.Infer, chunks);

    /// <summary>Enqueues the current stage of an active run again (a run interrupted with its process); idempotent.</summary>
    public void Resume(string runId)
    {
        var run = runs.Find(runId) ?? throw new InvalidOperationException($"run {runId} is not in the run table");
        if (run.State == RunStates.Active)
            PipelineJobs.EnqueueStage(runs, client, runId, run.Stage);
    }

    private RunStatus Start(RunSpec spec, Stage first, IReadOnlyCollection<string>? chunks)
    {
        var state = runs.CreateRun(spec, first, chunks);
        if (state == RunStates.Active)
            PipelineJobs.EnqueueStage(runs, client, spec.Id, first);
        return runs.Find(spec.Id)!;
    }
}
