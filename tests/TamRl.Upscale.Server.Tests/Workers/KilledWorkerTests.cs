using Hangfire;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Jobs.Orchestration;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Tests.Support;
using TamRl.Upscale.Server.Tests.Support;

namespace TamRl.Upscale.Server.Tests.Workers;

/// <summary>
/// Two `tamrl worker` processes on one PostgreSQL; one is killed in the middle of a chunk. Its chunk runs
/// again on the other, the run completes, and the products are byte-identical to a plain single-process run.
/// </summary>
public sealed class KilledWorkerTests : IDisposable
{
    private const int ChunkMillis = 1200;
    private const int InvisibilitySeconds = 6;
    private readonly SyntheticWorld _world = new(chunkDegrees: 90, workMillis: ChunkMillis);
    private readonly SyntheticWorld _reference = new(chunkDegrees: 90, workMillis: 0);
    private readonly LocalPostgres _pg = new();
    private readonly List<WorkerProcess> _workers = [];

    [Fact]
    public async Task A_chunk_of_a_killed_worker_runs_again_elsewhere_and_the_products_are_byte_identical()
    {
        string[] args = ["--postgres", LocalPostgres.ConnectionString, "--schema", _pg.Schema, "--workers", "1",
            "--poll", "1", "--invisibility-timeout", InvisibilitySeconds.ToString()];
        using var store = JobStore.PostgreSql(LocalPostgres.ConnectionString, _pg.Tuning with { InvisibilityTimeout = TimeSpan.FromSeconds(InvisibilitySeconds) });
        var a = Start(new WorkerProcess("worker-a", args));
        var b = Start(new WorkerProcess("worker-b", args));
        await Task.WhenAll(a.WaitStarted(TimeSpan.FromSeconds(60)), b.WaitStarted(TimeSpan.FromSeconds(60)));

        var spec = _world.Spec(RunSubmitter.NewRunId("run"));
        new RunSubmitter(store.Runs, new BackgroundJobClient(store.Storage)).Submit(spec);

        // Kill the first worker seen inside a chunk. Which one fetches first is up to the queue (a CI run once saw
        // worker-b take every chunk while the test waited for worker-a), so the test does not pick one.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        ChunkRow? victim = null;
        while (victim is null)
        {
            var chunks = store.Runs.Chunks(spec.Id);
            Assert.True(DateTime.UtcNow < deadline, "no worker was seen inside a chunk; chunks: " +
                string.Join(", ", chunks.Select(c => $"{c.Id} {c.State} {c.Worker}")) + "\n" + a.Output + b.Output);
            victim = chunks.FirstOrDefault(c => c.State == "running" && c.Worker is not null);
            if (victim is null) await Task.Delay(50);
        }
        var (killed, survivor) = victim.Worker!.StartsWith("worker-a") ? (a, b) : (b, a);
        killed.Kill();

        var run = RunProgress.Wait(store.Runs, spec.Id, TimeSpan.FromMilliseconds(200), null, TimeSpan.FromSeconds(90));
        Assert.Equal(RunStates.Done, run.State);
        var redone = store.Runs.Chunks(spec.Id).Single(c => c.Id == victim.Id);
        Assert.Equal("done", redone.State);
        Assert.Equal(2, redone.Attempts);
        Assert.StartsWith(survivor.Name, redone.Worker);

        Assert.Equal(_reference.DirectRunProduct(Path.Combine(_reference.Root, "direct")), File.ReadAllBytes(_world.ProductPath));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_world.ProductPath)!, "*.partial"));

        // Chunk jobs stay well below the invisibility timeout (Hangfire's own record of their durations).
        var succeeded = store.Storage.GetMonitoringApi().SucceededJobs(0, 100);
        var chunkJobs = succeeded.Where(j => j.Value.Job.Method.Name == nameof(PipelineJobs.InferChunk)).ToList();
        Assert.Equal(8, chunkJobs.Count); // 90° chunks: 2 x 4
        using var connection = store.Storage.GetConnection();
        Assert.All(chunkJobs, j => Assert.InRange(long.Parse(connection.GetStateData(j.Key).Data["PerformanceDuration"]),
            ChunkMillis, InvisibilitySeconds * 1000 / 3));
    }

    private WorkerProcess Start(WorkerProcess worker)
    {
        _workers.Add(worker);
        return worker;
    }

    public void Dispose()
    {
        foreach (var w in _workers) w.Dispose();
        _pg.Dispose();
        _world.Dispose();
        _reference.Dispose();
    }
}
