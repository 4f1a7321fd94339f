using System.Diagnostics;
using System.Text.Json;
using Hangfire;
using Npgsql;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Jobs.Orchestration;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Seam;
using TamRl.Upscale.Jobs.Synthetic;

namespace TamRl.Upscale.Bench;

/// <summary>
/// Chunk throughput through Hangfire on PostgreSQL (1 and 2 Hangfire servers of one worker thread each,
/// in this process) against a plain in-process loop over the same stages and chunks, with the synthetic
/// pipeline (each chunk reads the model, computes a 4 KiB payload, writes it through staging). Reported:
/// both wall times, the ratio loop/Hangfire, and the overhead per job ((Hangfire - loop/workers) / jobs).
/// </summary>
public static class JobsThroughputBenchmark
{
    public static IEnumerable<BenchRow> Run(string workDir, string connectionString)
    {
        foreach (var (degrees, workMillis) in new[] { (15.0, 0), (30.0, 100) })
        {
            var dir = Path.Combine(workDir, $"d{degrees}-w{workMillis}");
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            Directory.CreateDirectory(dir);
            var config = Path.Combine(dir, "synthetic.json");
            File.WriteAllText(config, JsonSerializer.Serialize(new { name = "bench", seed = 1, synthetic = new { chunkDegrees = degrees, workMillis } }));
            var chunks = (int)(180 / degrees * 360 / degrees);
            var jobs = chunks + 7; // six stage jobs and the fan-out
            var loop = Best(() => PlainLoop(config, Path.Combine(dir, "loop-" + Guid.NewGuid().ToString("N"))));
            foreach (var servers in new[] { 1, 2 })
            {
                var hangfire = Best(() => ThroughHangfire(config, Path.Combine(dir, "hf-" + Guid.NewGuid().ToString("N")), connectionString, servers));
                var overheadMs = (hangfire - loop / servers) / jobs * 1000;
                yield return new BenchRow($"jobs-{chunks}-chunks-{workMillis}ms-{servers}-worker{(servers > 1 ? "s" : "")}", hangfire,
                    "plain in-process loop (1 thread)", loop,
                    $"{jobs} jobs, {chunks / hangfire:F1} chunks/s through Hangfire vs {chunks / loop:F1} in the loop; overhead {overheadMs:F1} ms/job");
            }
        }
    }

    // Best of two, as the IO suite does: the machine is shared.
    private static double Best(Func<double> run) => Math.Min(run(), run());

    private static double PlainLoop(string config, string outDir)
    {
        var spec = new RunSpec("loop", SyntheticPipeline.Name, config, outDir);
        var set = SyntheticPipeline.Create();
        var clock = Stopwatch.StartNew();
        set.Stages.Ingest(spec);
        set.Stages.ExtractSites(spec);
        set.Stages.Train(spec);
        var ids = set.Planner.Plan(spec).Select(c => c.Id).ToList();
        foreach (var id in ids)
            set.Stages.InferChunk(spec, id);
        set.Stages.Assemble(spec, ids);
        set.Stages.Check(spec);
        set.Stages.Publish(spec);
        return clock.Elapsed.TotalSeconds;
    }

    private static double ThroughHangfire(string config, string outDir, string connectionString, int servers)
    {
        var schema = "hf_bench_" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using var store = JobStore.PostgreSql(connectionString, new PostgresTuning { Schema = schema, QueuePollInterval = TimeSpan.FromSeconds(1) });
            var catalog = SyntheticPipeline.Catalog();
            var workers = Enumerable.Range(0, servers).Select(i => new PipelineWorker(store, catalog, WorkerTuning.Fast(1, $"bench-{i}"))).ToList();
            try
            {
                Thread.Sleep(1000); // servers announced and polling
                var spec = new RunSpec(RunSubmitter.NewRunId("bench"), SyntheticPipeline.Name, config, outDir);
                var clock = Stopwatch.StartNew();
                new RunSubmitter(store.Runs, new BackgroundJobClient(store.Storage)).Submit(spec);
                var run = RunProgress.Wait(store.Runs, spec.Id, TimeSpan.FromMilliseconds(20), null, TimeSpan.FromMinutes(5));
                var seconds = clock.Elapsed.TotalSeconds;
                if (run.State != RunStates.Done)
                    throw new InvalidOperationException($"bench run {run.Summary}");
                return seconds;
            }
            finally
            {
                foreach (var w in workers) w.Dispose();
            }
        }
        finally
        {
            using var c = new NpgsqlConnection(connectionString);
            c.Open();
            using var cmd = new NpgsqlCommand($"drop schema if exists {schema} cascade", c);
            cmd.ExecuteNonQuery();
        }
    }
}
