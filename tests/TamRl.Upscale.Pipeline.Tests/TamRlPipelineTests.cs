using System.Security.Cryptography;
using Hangfire;
using TamRl.Upscale.Jobs.Orchestration;
using TamRl.Upscale.Jobs.Regions;
using System.Text.Json;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Seam;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Pipeline.Tests;

/// <summary>The real stages, end to end through Hangfire on the embedded store, on a tiny sample world.</summary>
public class TamRlPipelineTests
{
    private static StageCatalog Catalog() => new StageCatalog().Register(TamRlPipeline.Name, () => TamRlPipeline.Create());

    private static RunStatus Run(string config, string outDir) =>
        EmbeddedRun.Execute(TamRlPipeline.Name, config, outDir, Catalog(), null, timeout: TimeSpan.FromMinutes(10));

    [Fact]
    public void AWholeRun_PublishesCheckedCfProducts_ScoredAgainstTruth_AndTheSameSeedGivesTheSameBytes()
    {
        using var dir = new TempDirectory();
        var config = TinyWorld.WriteConfig(dir.File("jobs"));
        // The products' date_created and history come from here when set (reproducible-builds convention).
        Environment.SetEnvironmentVariable(Core.Time.ReproducibleClock.Variable, "1764028800");

        var first = Run(config, dir.File("a"));
        Assert.True(first.State == RunStates.Done, $"run ended {first.State} at {first.Stage}: {string.Join("; ", first.Failures.Select(f => f.Message))}");

        var products = dir.File("a/products/2019-07");
        var daily = Directory.GetFiles(products, "*.nc", SearchOption.AllDirectories);
        Assert.NotEmpty(daily);
        var header = Ncdump.Header(daily[0]);
        Assert.Contains("gpp:units = \"g m-2 d-1\"", header);
        Assert.Contains(":Conventions = \"CF-1.10\"", header);
        using (var checks = JsonDocument.Parse(File.ReadAllText(dir.File("a/products/checks.json"))))
            Assert.All(checks.RootElement.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("passed").GetBoolean(), c.ToString()));
        Assert.NotEmpty(Directory.GetFiles(dir.File("a/reports"), "*", SearchOption.AllDirectories));
        var cog = Directory.GetFiles(products, "*.tif", SearchOption.AllDirectories);
        Assert.NotEmpty(cog);
        Assert.Equal("COG", ExternalTool.GdalInfoJson(cog[0]).GetProperty("metadata").GetProperty("IMAGE_STRUCTURE").GetProperty("LAYOUT").GetString());

        var second = Run(config, dir.File("b"));
        Assert.Equal(RunStates.Done, second.State);
        Assert.Equal(Hashes(products), Hashes(dir.File("b/products/2019-07")));
    }

    [Fact]
    public void ABudgetTooSmallForThePeriod_FailsTheRunAtOnce_NamingTheField()
    {
        using var dir = new TempDirectory();
        var config = TinyWorld.WriteConfig(dir.File("jobs"));
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"budget\": \"2MiB\"", "\"budget\": \"1KiB\""));

        var status = Run(config, dir.File("out"));
        Assert.Equal(RunStates.Failed, status.State);
        var failure = Assert.Single(status.Failures); // one attempt: a configuration error is not retried
        Assert.Contains("products.budget", failure.Message);
        Assert.Contains("1KiB", failure.Message);
        Assert.Contains("tiny.json", failure.Message);
    }

    private static SortedDictionary<string, string> Hashes(string folder) =>
        new(Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

    [Fact]
    public void ARegionRerun_RecomputesOnlyTheChunksItTouches_AndRepublishesThePeriodWhole()
    {
        using var dir = new TempDirectory();
        var config = TinyWorld.WriteConfig(dir.File("jobs"));
        var outDir = dir.File("out");
        var first = Run(config, outDir);
        Assert.Equal(RunStates.Done, first.State);
        Assert.True(first.ChunksTotal > 1, $"the tiny run should have several chunks, has {first.ChunksTotal}");
        var published = File.ReadAllBytes(Directory.GetFiles(dir.File("out/products/2019-07"), "*daily*.nc", SearchOption.AllDirectories)[0]);

        RunStatus rerun;
        using (var store = JobStore.Embedded(outDir))
        using (new PipelineWorker(store, Catalog(), WorkerTuning.Fast(1)))
        {
            var submitted = RerunRequest.Submit(store.Runs, Catalog(), new RunSubmitter(store.Runs, new BackgroundJobClient(store.Storage)),
                RegionParser.FromBbox(-9, 37, -3, 43), Period.Parse("2019-07"), null, outDir, "bbox");
            rerun = RunProgress.Wait(store.Runs, submitted.Spec.Id, TimeSpan.FromMilliseconds(200), null, TimeSpan.FromMinutes(5));
        }

        Assert.True(rerun.State == RunStates.Done, $"rerun ended {rerun.State}: {string.Join("; ", rerun.Failures.Select(f => f.Message))}");
        Assert.InRange(rerun.ChunksTotal, 1, first.ChunksTotal - 1);
        var chunkFiles = Directory.GetFiles(Path.Combine(outDir, "runs", rerun.Spec.Id, "chunks"));
        Assert.Equal(first.ChunksTotal, chunkFiles.Length); // the untouched chunks come from the parent run
        var republished = Directory.GetFiles(dir.File("out/products/2019-07"), "*daily*.nc", SearchOption.AllDirectories)[0];
        Assert.Contains(rerun.Spec.Id, Ncdump.Header(republished)); // the period was swapped in whole
        Assert.NotEmpty(published);
    }
}
