using TamRl.Upscale.Jobs.Runs;

namespace TamRl.Upscale.Jobs.Orchestration;

/// <summary>Follows a run by polling the run table, reporting each change, until it finishes.</summary>
public static class RunProgress
{
    public static RunStatus Wait(IRunStore runs, string runId, TimeSpan poll, Action<RunStatus>? onChange,
        TimeSpan? timeout = null, CancellationToken cancel = default)
    {
        var deadline = timeout is { } t ? DateTime.UtcNow + t : DateTime.MaxValue;
        string? last = null;
        while (true)
        {
            var run = runs.Find(runId) ?? throw new InvalidOperationException($"run {runId} is not in the run table");
            var line = run.Summary;
            if (line != last)
            {
                onChange?.Invoke(run);
                last = line;
            }
            if (run.Finished)
                return run;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"run {runId} did not finish within {timeout}: {line}");
            cancel.WaitHandle.WaitOne(poll);
            cancel.ThrowIfCancellationRequested();
        }
    }
}
