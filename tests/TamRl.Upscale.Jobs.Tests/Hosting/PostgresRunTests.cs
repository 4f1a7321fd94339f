using TamRl.Upscale.Jobs.Synthetic;
using Hangfire;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Jobs.Orchestration;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Seam;
using TamRl.Upscale.Jobs.Tests.Support;

namespace TamRl.Upscale.Jobs.Tests.Hosting;

/// <summary>A tiny run through Hangfire on the real local PostgreSQL, with two servers sharing the queue.</summary>
public sealed class PostgresRunTests : IDisposable
{
    private readonly SyntheticWorld _world = new(chunkDegrees: 90);
    private readonly LocalPostgres _pg = new();

    [Fact]
    public void A_run_on_postgresql_with_two_servers_publishes_the_same_bytes_as_a_plain_loop()
    {
        using var store = _pg.Open();
        var catalog = SyntheticPipeline.Catalog();
        using (new PipelineWorker(store, catalog, WorkerTuning.Fast(2, "a")))
        using (new PipelineWorker(store, catalog, WorkerTuning.Fast(2, "b")))
        {
            var spec = _world.Spec(RunSubmitter.NewRunId("run"));
            new RunSubmitter(store.Runs, new BackgroundJobClient(store.Storage)).Submit(spec);
            var run = RunProgress.Wait(store.Runs, spec.Id, TimeSpan.FromMilliseconds(100), null, TimeSpan.FromSeconds(60));
            Assert.Equal(RunStates.Done, run.State);
            Assert.Equal((8, 8), (run.ChunksDone, run.ChunksTotal));
        }
        Assert.Equal(_world.DirectRunProduct(Path.Combine(_world.Root, "direct")), File.ReadAllBytes(_world.ProductPath));
        // Hangfire's own record agrees: every job of the run succeeded.
        var monitor = store.Storage.GetMonitoringApi();
        Assert.Equal(0, monitor.FailedCount());
        Assert.Equal(3 + 1 + 8 + 3, (int)monitor.SucceededListCount()); // 3 stages, fan-out, 8 chunks, 3 stages
    }

    public void Dispose()
    {
        _pg.Dispose();
        _world.Dispose();
    }
}
