using TamRl.Upscale.Jobs.Synthetic;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Seam;
using TamRl.Upscale.Jobs.Tests.Support;

namespace TamRl.Upscale.Jobs.Tests.Hosting;

/// <summary>Whole runs through Hangfire on the embedded store (in-memory queue, SQLite run table).</summary>
public sealed class EmbeddedRunTests : IDisposable
{
    private readonly SyntheticWorld _world = new(chunkDegrees: 45);

    [Fact]
    public void A_run_through_hangfire_publishes_products_byte_identical_to_a_plain_loop_over_the_stages()
    {
        var seen = new List<string>();
        var run = EmbeddedRun.Execute("synthetic", _world.ConfigPath, _world.OutDir, SyntheticPipeline.Catalog(),
            s => seen.Add(s.Summary), WorkerTuning.Fast(4), TimeSpan.FromSeconds(60));

        Assert.Equal(RunStates.Done, run.State);
        Assert.Equal((32, 32), (run.ChunksDone, run.ChunksTotal));
        Assert.Equal(_world.DirectRunProduct(Path.Combine(_world.Root, "direct")), File.ReadAllBytes(_world.ProductPath));
        // Progress is sampled, so a fast stage can pass between two lines (CI once saw no "infer" line):
        // what must hold is that the stages seen come in pipeline order and the last line is the end.
        var stages = seen.Select(l => Stages.Parse(l.Split("stage ")[1].Split(',')[0])).ToList();
        Assert.Equal(stages.Order(), stages);
        Assert.True(stages.Distinct().Count() > 1, string.Join(" | ", seen));
        Assert.EndsWith("done, stage done, chunks 32/32", seen[^1]);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_world.ProductPath)!, "*.partial"));
    }

    [Fact]
    public void A_chunk_that_fails_once_is_retried_and_its_failure_stays_visible()
    {
        using var world = new SyntheticWorld(chunkDegrees: 90, failOnceChunk: "r00c01");
        var run = EmbeddedRun.Execute("synthetic", world.ConfigPath, world.OutDir, SyntheticPipeline.Catalog(), null,
            WorkerTuning.Fast(2), TimeSpan.FromSeconds(60));

        Assert.Equal(RunStates.Done, run.State);
        var failure = Assert.Single(run.Failures);
        Assert.Equal(("infer", "r00c01", 1), (failure.Stage, failure.Chunk, failure.Attempt));
        Assert.Contains("injected failure", failure.Message);
        Assert.Equal(world.DirectRunProduct(Path.Combine(world.Root, "direct")), File.ReadAllBytes(world.ProductPath));
    }

    [Fact]
    public void An_unknown_pipeline_is_refused_before_anything_runs()
    {
        var e = Assert.Throws<Core.Errors.TamRlException>(() =>
            EmbeddedRun.Execute("nope", _world.ConfigPath, _world.OutDir, SyntheticPipeline.Catalog(), null));
        Assert.Contains("pipeline 'nope' is not registered", e.Message);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _world.Dispose();
    }
}
