using Hangfire;
using TamRl.Upscale.Jobs.Orchestration;
using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Jobs.Hosting;

/// <summary>A Hangfire server that runs the pipeline's jobs on a store (in a `tamrl worker`, `tamrl server` or `tamrl run`).</summary>
public sealed class PipelineWorker : IDisposable
{
    private readonly BackgroundJobServer _server;

    public PipelineWorker(JobStore store, StageCatalog catalog, WorkerTuning? tuning = null)
    {
        tuning ??= new WorkerTuning();
        Name = tuning.Name ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
        _server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            ServerName = Name,
            WorkerCount = tuning.WorkerCount,
            Activator = new PipelineJobActivator(store.Runs, catalog, store.Storage),
            SchedulePollingInterval = tuning.SchedulePollingInterval,
            HeartbeatInterval = tuning.HeartbeatInterval,
            ServerCheckInterval = tuning.ServerCheckInterval,
            ServerTimeout = tuning.ServerTimeout,
            ShutdownTimeout = tuning.ShutdownTimeout,
        }, store.Storage);
    }

    public string Name { get; }

    public void Dispose() => _server.Dispose();
}

/// <summary>Server settings; tests shorten the intervals so that scheduled retries and heartbeats take seconds.</summary>
public sealed record WorkerTuning
{
    public string? Name { get; init; }

    public int WorkerCount { get; init; } = Math.Max(1, Environment.ProcessorCount);

    public TimeSpan SchedulePollingInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ServerCheckInterval { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan ServerTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a stopping server waits for its running jobs: training stops at its next batch, a chunk finishes. Past it
    /// the process exits under the job (which runs again elsewhere), so it must outlast a chunk.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public static WorkerTuning Fast(int workers = 2, string? name = null) => new()
    {
        Name = name,
        WorkerCount = workers,
        SchedulePollingInterval = TimeSpan.FromMilliseconds(200),
        HeartbeatInterval = TimeSpan.FromSeconds(1),
        ServerCheckInterval = TimeSpan.FromSeconds(1),
        ServerTimeout = TimeSpan.FromSeconds(5),
    };
}
