using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Jobs.Tests.Runs;

/// <summary>What both run tables (SQLite, PostgreSQL) must do, above all under concurrency.</summary>
public abstract class RunStoreContract
{
    protected abstract IRunStore Store { get; }

    /// <summary>The runs this test created: a store shared with other processes (PostgreSQL) deletes them afterwards.</summary>
    protected List<string> CreatedRuns { get; } = [];

    private RunSpec Spec(string out_, string? region = null)
    {
        var spec = new RunSpec($"t-{Guid.NewGuid():N}", "synthetic", "/cfg.json", out_, RegionWkt: region);
        CreatedRuns.Add(spec.Id);
        return spec;
    }

    [Fact]
    public void Each_chunk_counts_once_and_exactly_one_concurrent_completer_sees_the_last()
    {
        var spec = Spec("/out/" + Guid.NewGuid());
        Store.CreateRun(spec, Stage.Infer);
        var chunks = Enumerable.Range(0, 40).Select(i => $"c{i:D2}").ToList();
        Store.PlanChunks(spec.Id, chunks);
        // Every chunk completed by four threads at once, as repeated deliveries would.
        var results = new System.Collections.Concurrent.ConcurrentBag<(string Chunk, ChunkCompletion C)>();
        Parallel.ForEach(chunks.SelectMany(c => Enumerable.Repeat(c, 4)), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            chunk => results.Add((chunk, Store.CompleteChunk(spec.Id, chunk, "r"))));
        Assert.All(chunks, c => Assert.Single(results, r => r.Chunk == c && r.C.NewlyDone));
        Assert.Single(results, r => r.C.NewlyDone && r.C.AllDone);
        var run = Store.Find(spec.Id)!;
        Assert.Equal((40, 40), (run.ChunksDone, run.ChunksTotal));
    }

    [Fact]
    public void Exactly_one_of_many_concurrent_callers_advances_a_stage()
    {
        var spec = Spec("/out/" + Guid.NewGuid());
        Store.CreateRun(spec, Stage.Infer);
        var wins = 0;
        Parallel.For(0, 16, _ => { if (Store.TryAdvance(spec.Id, Stage.Infer, Stage.Assemble)) Interlocked.Increment(ref wins); });
        Assert.Equal(1, wins);
        Assert.Equal(Stage.Assemble, Store.Find(spec.Id)!.Stage);
    }

    [Fact]
    public void A_stopped_chunk_shows_stopped_until_it_starts_again_and_stays_pending()
    {
        var spec = Spec("/out/" + Guid.NewGuid());
        Store.CreateRun(spec, Stage.Infer);
        Store.PlanChunks(spec.Id, ["a", "b"]);
        Store.ChunkStarted(spec.Id, "a", "w1");
        Store.ChunkStopped(spec.Id, "a", "w1");
        Assert.Equal(("stopped", 1, "w1"), Row(spec.Id, "a"));
        Assert.Equal(["a", "b"], Store.ChunkIds(spec.Id, pendingOnly: true));

        // Started again elsewhere: a late stop from the first worker does not touch the new attempt.
        Store.ChunkStarted(spec.Id, "a", "w2");
        Store.ChunkStopped(spec.Id, "a", "w1");
        Assert.Equal(("running", 2, "w2"), Row(spec.Id, "a"));

        // Done stays done; a chunk never started is not marked.
        Store.CompleteChunk(spec.Id, "a", "r");
        Store.ChunkStopped(spec.Id, "a", "w2");
        Store.ChunkStopped(spec.Id, "b", "w2");
        Assert.Equal(("done", 2, "w2"), Row(spec.Id, "a"));
        Assert.Equal(("pending", 0, (string?)null), Row(spec.Id, "b"));
    }

    private (string State, int Attempts, string? Worker) Row(string runId, string chunk) =>
        Store.Chunks(runId).Where(c => c.Id == chunk).Select(c => (c.State, c.Attempts, c.Worker)).Single();

    [Fact]
    public void Planning_chunks_twice_keeps_the_first_plan_and_its_progress()
    {
        var spec = Spec("/out/" + Guid.NewGuid());
        Store.CreateRun(spec, Stage.Infer);
        Store.PlanChunks(spec.Id, ["a", "b", "c"]);
        Store.CompleteChunk(spec.Id, "b", "r");
        Store.PlanChunks(spec.Id, ["a", "b", "c"]);
        Assert.Equal(["a", "c"], Store.ChunkIds(spec.Id, pendingOnly: true));
        Assert.Equal((1, 3), (Store.Find(spec.Id)!.ChunksDone, Store.Find(spec.Id)!.ChunksTotal));
    }

    [Fact]
    public void Overlapping_reruns_wait_for_each_other_and_disjoint_ones_do_not()
    {
        var out_ = "/out/" + Guid.NewGuid();
        var first = Spec(out_, "POLYGON ((0 0, 1 0, 1 1, 0 0))");
        var overlapping = Spec(out_, "POLYGON ((0 0, 1 0, 1 1, 0 0))");
        var disjoint = Spec(out_, "POLYGON ((5 5, 6 5, 6 6, 5 5))");
        Assert.Equal(RunStates.Active, Store.CreateRun(first, Stage.Infer, ["a", "b"]));
        Assert.Equal(RunStates.Waiting, Store.CreateRun(overlapping, Stage.Infer, ["b", "c"]));
        Assert.Equal(RunStates.Active, Store.CreateRun(disjoint, Stage.Infer, ["d"]));
        Assert.Equal(first.Id, Store.Find(overlapping.Id)!.WaitsFor);

        var started = Store.Finish(first.Id, RunStates.Done);
        Assert.Equal([overlapping.Id], started);
        Assert.Equal(RunStates.Active, Store.Find(overlapping.Id)!.State);
    }

    [Fact]
    public void Failures_are_kept_with_their_messages_in_order()
    {
        var spec = Spec("/out/" + Guid.NewGuid());
        Store.CreateRun(spec, Stage.Ingest);
        Store.RecordFailure(spec.Id, Stage.Infer, "c1", 1, "disk full");
        Store.RecordFailure(spec.Id, Stage.Infer, "c1", 2, "still full");
        var failures = Store.Find(spec.Id)!.Failures;
        Assert.Equal(["disk full", "still full"], failures.Select(f => f.Message));
        Assert.Equal(("infer", "c1", 2), (failures[1].Stage, failures[1].Chunk, failures[1].Attempt));
    }
}
