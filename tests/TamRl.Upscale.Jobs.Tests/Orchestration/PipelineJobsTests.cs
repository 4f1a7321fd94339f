using TamRl.Upscale.Jobs.Synthetic;
using Hangfire;
using Hangfire.InMemory;
using TamRl.Upscale.Jobs.Orchestration;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Seam;
using TamRl.Upscale.Jobs.Tests.Support;

namespace TamRl.Upscale.Jobs.Tests.Orchestration;

/// <summary>The jobs called directly, as repeated and concurrent deliveries would call them, with the hand-overs recorded.</summary>
public sealed class PipelineJobsTests : IDisposable
{
    private readonly SyntheticWorld _world = new(chunkDegrees: 45);
    private readonly SqliteRunStore _runs;
    private readonly RecordingJobClient _client = new();
    private readonly PipelineJobs _jobs;

    public PipelineJobsTests()
    {
        _runs = SqliteRunStore.ForOutput(_world.OutDir);
        _runs.EnsureSchema();
        _jobs = new PipelineJobs(_runs, SyntheticPipeline.Catalog(), _client);
    }

    private RunSpec StartAtInfer()
    {
        var spec = _world.Spec("r1");
        _runs.CreateRun(spec, Stage.Ingest);
        foreach (var stage in new[] { Stage.Ingest, Stage.ExtractSites, Stage.Train })
            _jobs.RunStage(spec.Id, stage, null);
        _jobs.RunStage(spec.Id, Stage.Infer, null); // fan-out
        return spec;
    }

    [Fact]
    public void Each_stage_hands_over_to_the_next_and_fan_out_enqueues_one_job_per_chunk()
    {
        StartAtInfer();
        var calls = _client.Describe();
        Assert.Equal(["RunStage(r1,ExtractSites)", "RunStage(r1,Train)", "RunStage(r1,Infer)"], calls.Take(3));
        Assert.Equal(32, calls.Count(c => c.StartsWith("InferChunk(r1,")));
        Assert.Equal(32, _runs.Find("r1")!.ChunksTotal);
    }

    [Fact]
    public void A_repeated_stage_delivery_does_nothing_and_enqueues_nothing()
    {
        var spec = _world.Spec("r1");
        _runs.CreateRun(spec, Stage.Ingest);
        _jobs.RunStage(spec.Id, Stage.Ingest, null);
        var written = File.GetLastWriteTimeUtc(Path.Combine(SyntheticPipeline.WorkDirOf(spec), "ingest.txt"));
        _jobs.RunStage(spec.Id, Stage.Ingest, null);
        Assert.Single(_client.Created);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(SyntheticPipeline.WorkDirOf(spec), "ingest.txt")));
    }

    [Fact]
    public void Concurrent_and_repeated_chunk_deliveries_enqueue_the_next_stage_exactly_once()
    {
        var spec = StartAtInfer();
        var before = _client.Created.Count;
        var chunks = _runs.ChunkIds(spec.Id, pendingOnly: false);
        // Each chunk delivered three times, all at once.
        Parallel.ForEach(chunks.SelectMany(c => Enumerable.Repeat(c, 3)), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            chunk => _jobs.InferChunk(spec.Id, chunk, null));
        var after = _client.Describe().Skip(before).ToList();
        Assert.Equal(["RunStage(r1,Assemble)"], after);
        Assert.All(chunks, c => Assert.True(File.Exists(Path.Combine(SyntheticPipeline.WorkDirOf(spec), "chunks", c + ".bin"))));
        Assert.Equal(Stage.Assemble, _runs.Find(spec.Id)!.Stage);
    }

    [Fact]
    public void A_chunk_delivered_again_after_its_hand_over_is_lost_still_hands_over_once()
    {
        var spec = StartAtInfer();
        var chunks = _runs.ChunkIds(spec.Id, pendingOnly: false);
        // All chunks done in the table, but the process died before anyone advanced the run.
        foreach (var c in chunks)
            _runs.CompleteChunk(spec.Id, c, "r");
        var before = _client.Created.Count;
        _jobs.InferChunk(spec.Id, chunks[0], null);
        _jobs.InferChunk(spec.Id, chunks[1], null);
        Assert.Equal(["RunStage(r1,Assemble)"], _client.Describe().Skip(before));
    }

    [Fact]
    public void A_failing_stage_records_its_message_and_rethrows_for_hangfire_to_retry()
    {
        var spec = _world.Spec("r1") with { ConfigPath = Path.Combine(_world.Root, "missing.json") };
        _runs.CreateRun(spec, Stage.Ingest);
        Assert.ThrowsAny<Exception>(() => _jobs.RunStage(spec.Id, Stage.Ingest, null));
        var failure = Assert.Single(_runs.Find(spec.Id)!.Failures);
        Assert.Equal("ingest", failure.Stage);
        Assert.Contains("missing.json", failure.Message);
        Assert.Empty(_client.Created);
    }

    [Fact]
    public void A_run_whose_hand_over_won_but_never_enqueued_is_reconciled_and_others_are_left_alone()
    {
        var stalled = _world.Spec("stalled");
        var healthy = _world.Spec("healthy");
        var submitter = new RunSubmitter(_runs, _client);
        submitter.Submit(stalled);
        submitter.Submit(healthy); // its ingest job is recorded
        // A worker won stalled's hand-over to extract-sites, then died before enqueuing it.
        Assert.True(_runs.TryAdvance("stalled", Stage.Ingest, Stage.ExtractSites));
        Thread.Sleep(20);
        var before = _client.Created.Count;

        _jobs.ReconcileOlderThan(TimeSpan.FromMilliseconds(10));
        Assert.Equal(["RunStage(stalled,ExtractSites)"], _client.Describe().Skip(before));
        _jobs.ReconcileOlderThan(TimeSpan.FromMilliseconds(10)); // now recorded: nothing more
        Assert.Equal(before + 1, _client.Created.Count);
    }

    [Fact]
    public void The_last_allowed_attempt_failing_marks_the_run_failed_with_every_message_kept()
    {
        var storage = new InMemoryStorage();
        var jobs = new PipelineJobs(_runs, SyntheticPipeline.Catalog(), _client);
        var spec = _world.Spec("r1") with { ConfigPath = Path.Combine(_world.Root, "missing.json") };
        _runs.CreateRun(spec, Stage.Ingest);
        using var connection = storage.GetConnection();
        var jobId = new Hangfire.BackgroundJobClient(storage).Enqueue<PipelineJobs>(j => j.RunStage("r1", Stage.Ingest, null));
        var job = connection.GetJobData(jobId)!.Job;
        foreach (var retries in new[] { 0, PipelineJobs.MaxRetries })
        {
            // What Hangfire's AutomaticRetry leaves on the job before each attempt.
            connection.SetJobParameter(jobId, "RetryCount", retries.ToString());
            var context = new Hangfire.Server.PerformContext(storage, connection,
                new Hangfire.BackgroundJob(jobId, job, DateTime.UtcNow), new Hangfire.JobCancellationToken(false));
            Assert.ThrowsAny<Exception>(() => jobs.RunStage("r1", Stage.Ingest, context));
        }
        var run = _runs.Find("r1")!;
        Assert.Equal(RunStates.Failed, run.State);
        Assert.Equal([1, PipelineJobs.MaxRetries + 1], run.Failures.Select(f => f.Attempt));
        Assert.All(run.Failures, f => Assert.Contains("missing.json", f.Message));
    }

    [Fact]
    public void A_training_stopped_by_its_workers_shutdown_is_no_failure_and_the_run_stays_at_train_for_the_next_worker()
    {
        // SIGTERM to `tamrl worker`: Hangfire cancels the job's shutdown token; training stops between batches and the job
        // is requeued. Before, the token never reached training, the process exited under libtorch and the stop was
        // recorded as a failure (ExternalException ... toFloat), or the worker died of a segmentation fault.
        var stages = new StoppableStages();
        var catalog = new StageCatalog().Register("stoppable", () => new StageSet(stages, stages, stages));
        var jobs = new PipelineJobs(_runs, catalog, _client);
        var spec = _world.Spec("r1") with { Pipeline = "stoppable" };
        _runs.CreateRun(spec, Stage.Train);
        var storage = new InMemoryStorage();
        using var connection = storage.GetConnection();
        var jobId = new BackgroundJobClient(storage).Enqueue<PipelineJobs>(j => j.RunStage("r1", Stage.Train, null));
        var stopping = new Hangfire.Server.PerformContext(storage, connection,
            new BackgroundJob(jobId, connection.GetJobData(jobId)!.Job, DateTime.UtcNow), new JobCancellationToken(true));

        Assert.Throws<OperationCanceledException>(() => jobs.RunStage("r1", Stage.Train, stopping));

        Assert.True(stages.SawCancellation);
        var run = _runs.Find("r1")!;
        Assert.Empty(run.Failures);
        Assert.Equal((RunStates.Active, Stage.Train), (run.State, run.Stage));
        Assert.Empty(_client.Created); // nothing handed over: the requeued job trains again
    }

    [Fact]
    public void A_chunk_stopped_by_its_workers_shutdown_is_no_failure_stays_undone_and_hands_nothing_over()
    {
        // SIGTERM to `tamrl worker` inside an inference chunk: the chunk stops between batches (before its file is written)
        // and the job is requeued. Before, a chunk could not be stopped, so a chunk longer than the worker's 25 s grace
        // ended with the process exiting under a running predictor.
        var stages = new StoppableStages();
        var catalog = new StageCatalog().Register("stoppable", () => new StageSet(stages, stages, stages));
        var jobs = new PipelineJobs(_runs, catalog, _client);
        var spec = _world.Spec("r1") with { Pipeline = "stoppable" };
        _runs.CreateRun(spec, Stage.Infer);
        jobs.RunStage("r1", Stage.Infer, null); // fan-out: one chunk job
        var handedOver = _client.Created.Count;
        var storage = new InMemoryStorage();
        using var connection = storage.GetConnection();
        var jobId = new BackgroundJobClient(storage).Enqueue<PipelineJobs>(j => j.InferChunk("r1", "c0", null));
        var stopping = new Hangfire.Server.PerformContext(storage, connection,
            new BackgroundJob(jobId, connection.GetJobData(jobId)!.Job, DateTime.UtcNow), new JobCancellationToken(true));

        Assert.Throws<OperationCanceledException>(() => jobs.InferChunk("r1", "c0", stopping));

        Assert.True(stages.SawCancellation);
        var run = _runs.Find("r1")!;
        Assert.Empty(run.Failures);
        Assert.Equal((RunStates.Active, Stage.Infer, 0), (run.State, run.Stage, run.ChunksDone));
        Assert.False(_runs.IsChunkDone("r1", "c0"));
        Assert.Equal("stopped", _runs.Chunks("r1").Single(c => c.Id == "c0").State); // not "running" on a worker that is gone
        Assert.Equal(handedOver, _client.Created.Count); // nothing handed over to assembly
    }

    /// <summary>Stages whose training and chunks run until the worker shuts down.</summary>
    private sealed class StoppableStages : IPipelineStages, IChunkPlanner, ILandMask
    {
        public bool SawCancellation { get; private set; }

        public string Train(RunSpec run) => throw new InvalidOperationException("the orchestration must pass the shutdown token");

        public string Train(RunSpec run, CancellationToken cancel) => RunUntil(cancel, "model");

        public string InferChunk(RunSpec run, string chunkId) => throw new InvalidOperationException("the orchestration must pass the shutdown token");

        public string InferChunk(RunSpec run, string chunkId, CancellationToken cancel) => RunUntil(cancel, $"chunk {chunkId}");

        private string RunUntil(CancellationToken cancel, string result)
        {
            SawCancellation = cancel.WaitHandle.WaitOne(TimeSpan.FromSeconds(10));
            cancel.ThrowIfCancellationRequested();
            return result;
        }

        public string Ingest(RunSpec run) => "";
        public string ExtractSites(RunSpec run) => "";
        public string Assemble(RunSpec run, IReadOnlyList<string> chunkIds) => "";
        public string Check(RunSpec run) => "";
        public string Publish(RunSpec run) => "";
        public IReadOnlyList<ChunkExtent> Plan(RunSpec run) => [new ChunkExtent("c0", new NetTopologySuite.Geometries.Envelope(0, 10, 0, 10))];
        public bool Touches(NetTopologySuite.Geometries.Geometry region) => true;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _world.Dispose();
    }
}
