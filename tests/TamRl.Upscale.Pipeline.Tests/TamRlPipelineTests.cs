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

    [Fact]
    public void AWholeRun_WithTheOnnxEngine_PublishesCheckedProducts_UnderThePredictorIdentityPlusOnnx()
    {
        using var dir = new TempDirectory();
        var config = TinyWorld.WriteConfig(dir.File("jobs"));
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"device\": \"cpu\" }", "\"device\": \"cpu\", \"engine\": \"onnx\" }"));
        Assert.Contains("\"engine\": \"onnx\"", File.ReadAllText(config));

        var status = Run(config, dir.File("out"));

        Assert.True(status.State == RunStates.Done, $"run ended {status.State} at {status.Stage}: {string.Join("; ", status.Failures.Select(f => f.Message))}");
        using (var checks = JsonDocument.Parse(File.ReadAllText(dir.File("out/products/checks.json"))))
            Assert.All(checks.RootElement.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("passed").GetBoolean(), c.ToString()));
        using var run = JsonDocument.Parse(File.ReadAllText(dir.File($"out/runs/{status.Spec.Id}/run.json")));
        Assert.Equal(Core.Files.FileHash.Sha256(dir.File("out/model/bundle.json")) + "+onnx", run.RootElement.GetProperty("predictor").GetString());
    }

    [Fact]
    public void Plan_ReadsTheBundlesManifestOnly_NeverItsWeights()
    {
        // Planning needs the model's identity, features and provenance; before, it loaded the whole TorchSharp ensemble
        // (inside the web request of POST /api/reruns), so a bundle whose member files cannot be loaded failed to plan.
        using var dir = new TempDirectory();
        var config = TinyWorld.WriteConfig(dir.File("jobs"));
        var first = Run(config, dir.File("out"));
        Assert.True(first.State == RunStates.Done, $"run ended {first.State} at {first.Stage}: {string.Join("; ", first.Failures.Select(f => f.Message))}");
        var bundleJson = dir.File("out/model/bundle.json");
        foreach (var member in Directory.GetFiles(dir.File("out/model"), "member_*.bin"))
            File.WriteAllText(member, "not a TorchSharp state dict");
        // The same manifest in other bytes: another identity, so no predictor this process loaded already can answer.
        File.WriteAllText(bundleJson, File.ReadAllText(bundleJson) + "\n");

        var plan = new TamRlPipeline().Plan(first.Spec with { Id = "plan-only" });

        Assert.NotEmpty(plan);
        using var planned = JsonDocument.Parse(File.ReadAllText(dir.File("out/runs/plan-only/run.json")));
        using var whole = JsonDocument.Parse(File.ReadAllText(dir.File($"out/runs/{first.Spec.Id}/run.json")));
        var sha = Core.Files.FileHash.Sha256(bundleJson);
        Assert.Equal(sha, planned.RootElement.GetProperty("predictor").GetString()); // the identity chunks and products record
        Assert.Equal(sha, planned.RootElement.GetProperty("model_attributes").GetProperty("bundle_sha256").GetString());
        // The rest of the provenance as the whole run recorded it.
        static Dictionary<string, string?> Provenance(JsonDocument run) => run.RootElement.GetProperty("model_attributes").EnumerateObject()
            .Where(p => p.Name != "bundle_sha256").ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(Provenance(whole), Provenance(planned));
    }

    [Fact]
    public void AChunk_RunsOnTheBundleItsRunWasPlannedWith_WhenARetrainSwappedTheModelSince_AndRefusesWhenThatBundleIsGone()
    {
        using var dir = new TempDirectory();
        var config = TinyWorld.WriteConfig(dir.File("jobs"));
        var first = Run(config, dir.File("out"));
        Assert.True(first.State == RunStates.Done, $"run ended {first.State} at {first.Stage}: {string.Join("; ", first.Failures.Select(f => f.Message))}");
        var pipeline = new TamRlPipeline();
        var pinned = first.Spec with { Id = "pinned" };
        var chunkId = pipeline.Plan(pinned)[0].Id;
        var planned = Core.Files.FileHash.Sha256(dir.File("out/model/bundle.json"));

        // A retrain into the same output folder finishes now: a new version, and OUT/model points at it.
        var link = dir.File("out/model");
        var oldVersion = Path.Combine(dir.File("out/model.versions"), planned);
        var staged = dir.File("out/model.versions/staged");
        Directory.CreateDirectory(staged);
        foreach (var f in Directory.GetFiles(oldVersion))
            File.Copy(f, Path.Combine(staged, Path.GetFileName(f)));
        File.AppendAllText(Path.Combine(staged, "bundle.json"), "\n");
        var retrained = Core.Files.FileHash.Sha256(Path.Combine(staged, "bundle.json"));
        Directory.Move(staged, dir.File($"out/model.versions/{retrained}"));
        File.Delete(link);
        Directory.CreateSymbolicLink(link, $"model.versions/{retrained}");
        Assert.Equal(retrained, Core.Files.FileHash.Sha256(dir.File("out/model/bundle.json")));

        var chunk = pipeline.InferChunk(pinned, chunkId);
        Assert.Contains($":predictor = \"{planned}\"", Ncdump.Header(chunk));

        Directory.Delete(oldVersion, recursive: true);
        var refused = Assert.Throws<Core.Errors.InvalidInputException>(() => pipeline.InferChunk(pinned, chunkId));
        Assert.Contains($"planned with predictor '{planned}'", refused.Message);
        Assert.Contains($"bundle version {planned} is not beside the configured bundle", refused.Message);
        Assert.Contains(retrained, refused.Message);
    }

    [Fact]
    public void ASecondDisjointRerun_KeepsTheFirstRerunsPatch_BothPatchedAndTheRestAsPublishedFirst()
    {
        // The published state is what a rerun patches: before, each rerun took its untouched chunks from the root run,
        // so the second one republished the period without the first one's patch.
        using var dir = new TempDirectory();
        var (outDir, first) = SmallChunkRun(dir);
        var original = MonthlyGpp(outDir);

        RunStatus east;
        HashSet<string> westChunks, eastChunks;
        double[] afterWest;
        using (var store = JobStore.Embedded(outDir))
        using (new PipelineWorker(store, Catalog(), WorkerTuning.Fast(1)))
        {
            // Each rerun sees other drivers (as a corrected input month would give), so each patch differs from the original.
            WarmDrivers(outDir, 4);
            westChunks = Rerun(store, outDir, West).Chunks;
            afterWest = MonthlyGpp(outDir);
            WarmDrivers(outDir, 4);
            (east, eastChunks) = Rerun(store, outDir, East);
        }

        AssertBothPatches(outDir, first, westChunks, eastChunks, original, afterWest);
        Assert.Contains(east.Spec.Id, Ncdump.Header(MonthlyPath(outDir)));
    }

    [Fact]
    public void DisjointRerunsInterleaved_TheSecondToPublishKeepsTheFirstsPatch()
    {
        // Both reruns assemble before either publishes (the jobs called directly in that order): the second to publish
        // must take the first's chunks under the publish turn, not publish the state it assembled from.
        using var dir = new TempDirectory();
        var (outDir, first) = SmallChunkRun(dir);
        var original = MonthlyGpp(outDir);

        using var store = JobStore.Embedded(outDir);
        var jobs = new PipelineJobs(store.Runs, Catalog(), new BackgroundJobClient(store.Storage)); // no worker: nothing runs but these calls
        var submitter = new RunSubmitter(store.Runs, new BackgroundJobClient(store.Storage));
        var ids = new List<string>();
        var chunks = new List<HashSet<string>>();
        foreach (var region in new[] { West, East })
        {
            WarmDrivers(outDir, 4);
            var id = RerunRequest.Submit(store.Runs, Catalog(), submitter, region, Period.Parse("2019-07"), null, outDir, "bbox").Spec.Id;
            jobs.RunStage(id, Stage.Infer, null);
            foreach (var chunk in store.Runs.ChunkIds(id, pendingOnly: false))
                jobs.InferChunk(id, chunk, null);
            jobs.RunStage(id, Stage.Assemble, null);
            ids.Add(id);
            chunks.Add(store.Runs.ChunkIds(id, pendingOnly: false).ToHashSet());
        }
        double[]? afterWest = null;
        foreach (var id in ids)
        {
            jobs.RunStage(id, Stage.Check, null);
            jobs.RunStage(id, Stage.Publish, null);
            var status = store.Runs.Find(id)!;
            Assert.True(status.State == RunStates.Done, $"rerun ended {status.State}: {string.Join("; ", status.Failures.Select(f => f.Message))}");
            afterWest ??= MonthlyGpp(outDir);
        }
        // A retried publication of the last rerun (it published the period itself): its chunks are the published state,
        // not to be replaced by the run it was submitted against (before: the first rerun's patch was lost again).
        new TamRlPipeline().Publish(store.Runs.Find(ids[1])!.Spec);

        AssertBothPatches(outDir, first, chunks[0], chunks[1], original, afterWest!);
    }

    [Fact]
    public void ARerunAndTheMonthlyRegenerationSubmittedAtOnce_RunInSubmissionOrder_AndNeitherOutcomeIsLost()
    {
        // Corrected ERA5 for July arrives and is ingested; the operator reruns a region while the monthly regeneration of
        // July fires. Overlapping runs on one output folder are admitted in submission order (the second waits), and each
        // publishes at its turn on top of what is published then (docs/orchestration.md, "Reruns and the monthly
        // regeneration"). Both orders, one after the other, with inputs corrected again before the second pair.
        using var dir = new TempDirectory();
        var (outDir, first) = SmallChunkRun(dir);
        var original = MonthlyGpp(outDir);
        var monthlyConfig = MonthlyConfig(dir, outDir);
        using var store = JobStore.Embedded(outDir);
        var submitter = new RunSubmitter(store.Runs, new BackgroundJobClient(store.Storage));

        // 1. The rerun first, the regeneration second.
        CorrectJulyInputs(outDir, first.Spec, 4);
        var rerun = RerunRequest.Submit(store.Runs, Catalog(), submitter, West, Period.Parse("2019-07"), null, outDir, "bbox");
        var monthly = submitter.Submit(MonthlySpec(monthlyConfig, outDir));
        Assert.Equal((RunStates.Active, RunStates.Waiting, rerun.Spec.Id), (rerun.State, monthly.State, monthly.WaitsFor));
        double[] afterRerun;
        using (new PipelineWorker(store, Catalog(), WorkerTuning.Fast(1)))
        {
            WaitDone(store, rerun.Spec.Id);
            afterRerun = MonthlyGpp(outDir); // the regeneration needs ingest, inference and checks before it publishes
            Assert.Contains(rerun.Spec.Id, Ncdump.Header(MonthlyPath(outDir)));
            WaitDone(store, monthly.Spec.Id);
        }
        var afterMonthly = MonthlyGpp(outDir);
        Assert.Contains(monthly.Spec.Id, Ncdump.Header(MonthlyPath(outDir))); // published last: its products stand
        var westCells = CellsOf(outDir, first, store.Runs.ChunkIds(rerun.Spec.Id, pendingOnly: false).ToHashSet());
        Assert.Contains(westCells, c => !Same(afterRerun[c], original[c])); // the rerun published the corrected region
        // The regeneration recomputed the region from the same inputs and model: the rerun's correction is not undone.
        Assert.All(westCells, c => Assert.True(Same(afterMonthly[c], afterRerun[c]), $"cell {c}: the regeneration lost the rerun's patch"));
        // And it brought the corrected inputs to the rest of the month, which the rerun had left as first published.
        Assert.Contains(Enumerable.Range(0, original.Length).Except(westCells), c => !Same(afterMonthly[c], original[c]));

        // 2. The regeneration first, the rerun second (inputs corrected again, so the regeneration differs from before).
        CorrectJulyInputs(outDir, first.Spec, 4);
        var monthly2 = submitter.Submit(MonthlySpec(monthlyConfig, outDir));
        var rerun2 = RerunRequest.Submit(store.Runs, Catalog(), submitter, East, Period.Parse("2019-07"), null, outDir, "bbox");
        Assert.Equal((RunStates.Active, RunStates.Waiting, monthly2.Spec.Id), (monthly2.State, rerun2.State, rerun2.WaitsFor));
        double[] afterMonthly2;
        using (new PipelineWorker(store, Catalog(), WorkerTuning.Fast(1)))
        {
            WaitDone(store, monthly2.Spec.Id);
            afterMonthly2 = MonthlyGpp(outDir);
            Assert.Contains(monthly2.Spec.Id, Ncdump.Header(MonthlyPath(outDir)));
            WaitDone(store, rerun2.Spec.Id);
        }
        var final = MonthlyGpp(outDir);
        Assert.Contains(rerun2.Spec.Id, Ncdump.Header(MonthlyPath(outDir)));
        Assert.Contains(Enumerable.Range(0, original.Length), c => !Same(afterMonthly2[c], afterMonthly[c])); // a new regeneration
        // The rerun patched the regeneration's products, not the run it was submitted against: nothing of the regeneration
        // is lost outside its region, and its region agrees with the regeneration (same inputs and model).
        Assert.All(Enumerable.Range(0, original.Length), c => Assert.True(Same(final[c], afterMonthly2[c]), $"cell {c} differs from the regeneration"));
        Assert.Equal(first.ChunksTotal, Directory.GetFiles(Path.Combine(outDir, "runs", rerun2.Spec.Id, "chunks")).Length);
    }

    private static bool Same(double a, double b) => a.Equals(b); // NaN equals NaN (the sea)

    private static void WaitDone(JobStore store, string id)
    {
        var done = RunProgress.Wait(store.Runs, id, TimeSpan.FromMilliseconds(200), null, TimeSpan.FromMinutes(5));
        Assert.True(done.State == RunStates.Done, $"{id} ended {done.State} at {done.Stage}: {string.Join("; ", done.Failures.Select(f => f.Message))}");
    }

    /// <summary>The monthly regeneration's configuration: the same world and inputs, the trained bundle reused, no towers (as jobs/monthly-real.json).</summary>
    private static string MonthlyConfig(TempDirectory dir, string outDir)
    {
        var bundle = dir.File("jobs/bundle");
        Directory.CreateDirectory(bundle);
        foreach (var file in Directory.GetFiles(Path.Combine(outDir, "model")))
            File.Copy(file, Path.Combine(bundle, Path.GetFileName(file)));
        using var tiny = JsonDocument.Parse(File.ReadAllText(dir.File("jobs/tiny.json")));
        var fields = tiny.RootElement.EnumerateObject().Where(p => p.Name is not ("sites" or "model"))
            .ToDictionary(p => p.Name, p => (object)p.Value);
        fields["model"] = new { bundle = "bundle", device = "cpu" };
        var path = dir.File("jobs/monthly.json");
        File.WriteAllText(path, JsonSerializer.Serialize(fields));
        return path;
    }

    /// <summary>A monthly run of July 2019 as the schedule's firing submits one (PipelineJobs.Regenerate, whose month is the clock's).</summary>
    private static RunSpec MonthlySpec(string config, string outDir) =>
        new(RunSubmitter.NewRunId(RunKinds.Monthly), TamRlPipeline.Name, config, outDir, RunKinds.Monthly, PeriodFrom: "2019-07", PeriodTo: "2019-07");

    /// <summary>Corrected ERA5 for July (air temperature warmer) in the world's input files, ingested as `tamrl ingest` would.</summary>
    private static void CorrectJulyInputs(string outDir, RunSpec run, float degrees)
    {
        using (var file = IO.NetCdf.NetCdfFile.Open(Path.Combine(outDir, "world", "era5", "new-cds", "era5_daily_2019-07.nc"), writable: true))
        {
            var t2m = file.Read<float>("t2m");
            for (var i = 0; i < t2m.Length; i++)
                if (float.IsFinite(t2m[i]) && Math.Abs(t2m[i]) < 1e3f)
                    t2m[i] += degrees;
            file.Write<float>("t2m", t2m);
        }
        new TamRlPipeline().Ingest(run);
    }

    /// <summary>The cells (lat-major) of the published monthly file that lie in the given chunks.</summary>
    private static List<int> CellsOf(string outDir, RunStatus run, HashSet<string> chunks)
    {
        var extents = new TamRlPipeline().Plan(run.Spec).ToDictionary(c => c.Id, c => c.Bounds);
        var lat = Ncdump.Values(MonthlyPath(outDir), "lat");
        var lon = Ncdump.Values(MonthlyPath(outDir), "lon");
        return Enumerable.Range(0, lat.Length * lon.Length)
            .Where(c => extents.FirstOrDefault(e => e.Value.Contains(lon[c % lon.Length], lat[c / lon.Length])).Key is { } id && chunks.Contains(id))
            .ToList();
    }

    private static readonly NetTopologySuite.Geometries.Geometry West = RegionParser.FromBbox(-9, 37, -3, 43);
    private static readonly NetTopologySuite.Geometries.Geometry East = RegionParser.FromBbox(19, 49, 27, 55);

    /// <summary>A whole run of the tiny world with a budget that splits it into several chunks, so reruns leave some untouched.</summary>
    private static (string OutDir, RunStatus Run) SmallChunkRun(TempDirectory dir)
    {
        var config = TinyWorld.WriteConfig(dir.File("jobs"));
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"budget\": \"2MiB\"", "\"budget\": \"1900KiB\""));
        var outDir = dir.File("out");
        var run = Run(config, outDir);
        Assert.True(run.State == RunStates.Done, $"run ended {run.State} at {run.Stage}: {string.Join("; ", run.Failures.Select(f => f.Message))}");
        return (outDir, run);
    }

    private static string MonthlyPath(string outDir) => Path.Combine(outDir, "products", "2019-07", "netcdf", "tamrl_monthly_2019-07.nc");

    /// <summary>The published monthly GPP, read by ncdump (lat-major, NaN over the sea).</summary>
    private static double[] MonthlyGpp(string outDir) => Ncdump.Values(MonthlyPath(outDir), "gpp");

    /// <summary>
    /// After both reruns: the first rerun's chunks as it published them (and patched), the second's patched (and left
    /// alone by the first), every other chunk as the whole run published it.
    /// </summary>
    private static void AssertBothPatches(string outDir, RunStatus first, HashSet<string> westChunks, HashSet<string> eastChunks,
        double[] original, double[] afterWest)
    {
        var extents = new TamRlPipeline().Plan(first.Spec).ToDictionary(c => c.Id, c => c.Bounds);
        Assert.Empty(westChunks.Intersect(eastChunks));
        Assert.True(westChunks.Count + eastChunks.Count < extents.Count, "some chunk should be left untouched by both reruns");
        var after = MonthlyGpp(outDir);
        var lat = Ncdump.Values(MonthlyPath(outDir), "lat");
        var lon = Ncdump.Values(MonthlyPath(outDir), "lon");
        Assert.Equal(lat.Length * lon.Length, after.Length);

        string? ChunkOf(int cell) => extents.FirstOrDefault(e => e.Value.Contains(lon[cell % lon.Length], lat[cell / lon.Length])).Key;
        var westCells = Enumerable.Range(0, after.Length).Where(c => ChunkOf(c) is { } id && westChunks.Contains(id)).ToList();
        var eastCells = Enumerable.Range(0, after.Length).Where(c => ChunkOf(c) is { } id && eastChunks.Contains(id)).ToList();
        var otherCells = Enumerable.Range(0, after.Length).Except(westCells).Except(eastCells).ToList();
        static bool Same(double a, double b) => a.Equals(b); // NaN equals NaN (the sea)

        Assert.Contains(westCells, c => !Same(afterWest[c], original[c])); // the first patch differs from the original
        Assert.All(westCells, c => Assert.True(Same(after[c], afterWest[c]), $"cell {c} of the first rerun's chunks lost its patch"));
        Assert.Contains(eastCells, c => !Same(after[c], original[c])); // the second patch is published
        Assert.All(eastCells, c => Assert.True(Same(afterWest[c], original[c]), $"cell {c}: the first rerun changed the second's chunks"));
        Assert.All(otherCells, c => Assert.True(Same(after[c], original[c]), $"cell {c} outside both reruns changed"));
    }

    private static (RunStatus Status, HashSet<string> Chunks) Rerun(JobStore store, string outDir, NetTopologySuite.Geometries.Geometry region)
    {
        var submitted = RerunRequest.Submit(store.Runs, Catalog(), new RunSubmitter(store.Runs, new BackgroundJobClient(store.Storage)),
            region, Period.Parse("2019-07"), null, outDir, "bbox");
        var done = RunProgress.Wait(store.Runs, submitted.Spec.Id, TimeSpan.FromMilliseconds(200), null, TimeSpan.FromMinutes(5));
        Assert.True(done.State == RunStates.Done, $"rerun ended {done.State}: {string.Join("; ", done.Failures.Select(f => f.Message))}");
        return (done, store.Runs.ChunkIds(done.Spec.Id, pendingOnly: false).ToHashSet());
    }

    /// <summary>Adds <paramref name="degrees"/> to the driver cube's July air temperature (land cells; fill values stay).</summary>
    private static void WarmDrivers(string outDir, float degrees)
    {
        using var file = IO.NetCdf.NetCdfFile.Open(Path.Combine(outDir, "drivers", "drivers_2019-07.nc"), writable: true);
        var ta = file.Read<float>("ta");
        for (var i = 0; i < ta.Length; i++)
            if (float.IsFinite(ta[i]) && Math.Abs(ta[i]) < 1e3f)
                ta[i] += degrees;
        file.Write<float>("ta", ta);
    }
}
