using Hangfire;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Jobs.Orchestration;
using TamRl.Upscale.Jobs.Regions;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Seam;
using TamRl.Upscale.Jobs.Synthetic;
using TamRl.Upscale.Jobs.Tests.Support;

namespace TamRl.Upscale.Jobs.Tests.Hosting;

/// <summary>Region reruns on the embedded store: only touched chunks recomputed, products patched, overlaps serialised.</summary>
public sealed class RerunTests : IDisposable
{
    private readonly SyntheticWorld _world = new(chunkDegrees: 45);

    [Fact]
    public void A_rerun_recomputes_only_the_touched_chunks_and_patches_only_their_segments()
    {
        var catalog = SyntheticPipeline.Catalog();
        var parent = EmbeddedRun.Execute("synthetic", _world.ConfigPath, _world.OutDir, catalog, null, WorkerTuning.Fast(2), TimeSpan.FromSeconds(60));
        var before = File.ReadAllBytes(_world.ProductPath);

        using var store = JobStore.Embedded(_world.OutDir);
        var submitter = new RunSubmitter(store.Runs, new BackgroundJobClient(store.Storage));
        var first = RerunRequest.Submit(store.Runs, catalog, submitter, RegionParser.FromBbox("10,10,20,20"), Period.Parse("2024-03"), null, _world.OutDir, "bbox");
        var second = RerunRequest.Submit(store.Runs, catalog, submitter, RegionParser.FromBbox("15,15,50,20"), Period.Parse("2024-04"), null, _world.OutDir, "bbox");
        Assert.Equal(RunStates.Waiting, second.State); // shares chunk r02c04 with the first
        Assert.Equal(first.Spec.Id, second.WaitsFor);
        // The worker starts only now: started before the submissions, it could finish the first rerun before the
        // second was submitted (then nothing is left to wait for), which a loaded CI machine did once.
        using var worker = new PipelineWorker(store, catalog, WorkerTuning.Fast(2));

        Assert.Equal(RunStates.Done, RunProgress.Wait(store.Runs, first.Spec.Id, TimeSpan.FromMilliseconds(100), null, TimeSpan.FromSeconds(30)).State);
        Assert.Equal(RunStates.Done, RunProgress.Wait(store.Runs, second.Spec.Id, TimeSpan.FromMilliseconds(100), null, TimeSpan.FromSeconds(30)).State);

        Assert.Equal(["r02c04.bin"], Directory.GetFiles(Path.Combine(SyntheticPipeline.WorkDirOf(first.Spec), "chunks")).Select(Path.GetFileName));
        Assert.Equal(["r02c04.bin", "r02c05.bin"], Directory.GetFiles(Path.Combine(SyntheticPipeline.WorkDirOf(second.Spec), "chunks")).Select(Path.GetFileName).Order());
        var after = File.ReadAllBytes(_world.ProductPath);
        var changed = Enumerable.Range(0, 32).Where(i =>
            !before.AsSpan(i * SyntheticPipeline.PayloadBytes, SyntheticPipeline.PayloadBytes)
                .SequenceEqual(after.AsSpan(i * SyntheticPipeline.PayloadBytes, SyntheticPipeline.PayloadBytes))).ToList();
        Assert.Equal([2 * 8 + 4, 2 * 8 + 5], changed); // rows of 8 chunks: r02c04 and r02c05 only
        Assert.Equal(parent.Spec.Id, store.Runs.Find(second.Spec.Id)!.Spec.Parent);
    }

    [Fact]
    public void Disjoint_reruns_interleaved_keep_both_patches()
    {
        var catalog = SyntheticPipeline.Catalog();
        EmbeddedRun.Execute("synthetic", _world.ConfigPath, _world.OutDir, catalog, null, WorkerTuning.Fast(2), TimeSpan.FromSeconds(60));
        var before = File.ReadAllBytes(_world.ProductPath);

        // The jobs called directly in the worst order: both reruns assemble before either publishes.
        var runs = SqliteRunStore.ForOutput(_world.OutDir);
        var client = new RecordingJobClient();
        var jobs = new PipelineJobs(runs, catalog, client);
        var submitter = new RunSubmitter(runs, client);
        var west = RerunRequest.Submit(runs, catalog, submitter, RegionParser.FromBbox("-100,10,-95,20"), Period.Parse("2024-03"), null, _world.OutDir, "bbox");
        var east = RerunRequest.Submit(runs, catalog, submitter, RegionParser.FromBbox("100,10,105,20"), Period.Parse("2024-03"), null, _world.OutDir, "bbox");
        Assert.Equal((RunStates.Active, RunStates.Active), (west.State, east.State)); // disjoint: side by side
        foreach (var id in new[] { west.Spec.Id, east.Spec.Id })
        {
            jobs.RunStage(id, Stage.Infer, null);
            foreach (var chunk in runs.ChunkIds(id, pendingOnly: false))
                jobs.InferChunk(id, chunk, null);
            jobs.RunStage(id, Stage.Assemble, null);
        }
        foreach (var id in new[] { west.Spec.Id, east.Spec.Id })
        {
            jobs.RunStage(id, Stage.Check, null);
            jobs.RunStage(id, Stage.Publish, null);
            Assert.Equal(RunStates.Done, runs.Find(id)!.State);
        }

        var after = File.ReadAllBytes(_world.ProductPath);
        var changed = Enumerable.Range(0, 32).Where(i =>
            !before.AsSpan(i * SyntheticPipeline.PayloadBytes, SyntheticPipeline.PayloadBytes)
                .SequenceEqual(after.AsSpan(i * SyntheticPipeline.PayloadBytes, SyntheticPipeline.PayloadBytes))).ToList();
        Assert.Equal([2 * 8 + 1, 2 * 8 + 6], changed); // r02c01 (west) and r02c06 (east)
    }

    [Fact]
    public void A_rerun_before_anything_was_published_is_refused()
    {
        using var store = JobStore.Embedded(_world.OutDir);
        var submitter = new RunSubmitter(store.Runs, new BackgroundJobClient(store.Storage));
        var e = Assert.Throws<RegionException>(() => RerunRequest.Submit(store.Runs, SyntheticPipeline.Catalog(), submitter,
            RegionParser.FromBbox("10,10,20,20"), Period.Parse("2024-03"), null, _world.OutDir, "bbox"));
        Assert.Contains("no published run", e.Message);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _world.Dispose();
    }
}
