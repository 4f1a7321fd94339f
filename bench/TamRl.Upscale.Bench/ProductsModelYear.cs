using System.Diagnostics;
using System.Globalization;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.Training;
using TamRl.Upscale.Pipeline;
using TamRl.Upscale.Products;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Bench;

/// <summary>
/// The products suite's model year (issue 16, <c>bench/run.sh products --model-year</c>): the whole period of the
/// synthetic cube inferred with the product ensemble (jobs/model.json's architecture, <see cref="ProductsBenchmark.RealModel.Members"/>
/// members, its decoder warm-up and support windows saved in the bundle as <c>tamrl train</c> saves them; weights
/// trained two steps only, since the cost does not depend on them) through the engine the products use on the CPU,
/// ONNX Runtime, then published. What the pipeline does, call for call: the run is planned with the bundle's
/// identity and provenance at a product configuration's budget (<see cref="Budget"/>), the predictor is loaded by
/// <see cref="BundlePredictors.Load(string, string, InferencePrecision, InferenceEngine)"/>, every chunk runs
/// through <see cref="InferenceService.RunChunk(string, RunDescription, int, IFluxPredictor, CancellationToken)"/> (run.json read and the cube opened
/// per chunk, as a chunk job does), and publication is the suite's publish stage. Each in its own process.
/// </summary>
public static class ProductsModelYear
{
    /// <summary>The run's id, and its folder under <see cref="OutDir"/>'s runs.</summary>
    public const string RunId = "tamrl-onnx";

    /// <summary>The product configurations' budget and pixels per predictor call (jobs/demo.json, jobs/monthly-real.json).</summary>
    public const string Budget = "1GiB";

    public const int BatchPixels = 256;

    /// <summary>The model run's output folder (its runs and its products), apart from the test predictor's.</summary>
    public static string OutDir(string work) => Path.Combine(work, "model");

    public static string RunDir(string work) => InferenceService.RunDirOf(OutDir(work), RunId);

    public static string BundleDir(string work) => Path.Combine(work, "bundle-year");

    /// <summary>What the setup leaves for the child stages' notes: the model's cost and this machine's matmul rates.</summary>
    public sealed record Setup(double FlopsPerPixelDay, double MatmulFp32, double MatmulBf16, int Members, int Chunks, long ModelPixels);

    /// <summary>
    /// Builds the bundle, measures the matmul yardstick and plans the run, in the calling process (the setup of the
    /// model stages); each step is timed through <paramref name="stage"/>.
    /// </summary>
    public static Setup Prepare(int members, string work, NetCdfDriverCube cube, DatePeriod period, Action<string, Action, Func<double, string>?> stage)
    {
        var threads = Environment.ProcessorCount;
        var training = ModelRunConfig.Load(Path.Combine(AppContext.BaseDirectory, "..", "..", "jobs", "model.json")).Training;
        var flops = 0.0;
        stage($"build the product ensemble, {members} members (setup)",
            () => flops = ModelBenchmark.SaveProductBundle(BundleDir(work), training, members, threads, inferenceSettings: true),
            _ => FormattableString.Invariant($"jobs/model.json: hidden {training.Hidden}, latent {training.Latent}, {training.Layers} decoder layer(s), window {training.WindowLength}, decoder warm-up {training.WarmupDays} d, {training.SupportWindows} support windows; weights trained two steps only (cost does not depend on them); {flops / 1e6:F2} MFLOP per pixel-day per member"));
        var (fp32, bf16) = (0.0, 0.0);
        stage("matmul 1024x1024 fp32 and bf16 (yardstick)", () =>
        {
            fp32 = ModelBenchmark.MatmulGflops(TorchSharp.torch.ScalarType.Float32, TorchSharp.torch.CPU);
            bf16 = ModelBenchmark.MatmulGflops(TorchSharp.torch.ScalarType.BFloat16, TorchSharp.torch.CPU);
        }, _ => FormattableString.Invariant($"fp32 {fp32:F1} GFLOP/s, bf16 {bf16:F1} GFLOP/s, {threads} threads (TorchSharp)"));

        // As the pipeline's PlanInference: the bundle's manifest only, its identity under the engine, its provenance.
        var bundle = BundleManifestFile.Read(BundleDir(work));
        var runDir = RunDir(work);
        RunDescription? run = null;
        stage("plan the model run", () => run = InferenceService.PlanRun(runDir, RunId, cube, period,
                new MemoryBudget(MemoryBudget.ParseBytes(Budget), BatchPixels), InferenceEngines.Identity(bundle.Identity, InferencePrecision.Float32, InferenceEngine.Onnx),
                bundle.Provenance()),
            _ => FormattableString.Invariant($"budget {Budget}, {BatchPixels} pixels per predictor call (a product configuration's); {run!.ChunkIds.Count} chunks"));
        return new Setup(flops, fp32, bf16, members, run!.ChunkIds.Count, ModelPixels(cube));
    }

    /// <summary>Land cells the model is handed (land, less the permanent ice a surface rule sets): the pixel-days' pixels.</summary>
    public static long ModelPixels(IDriverCube cube)
    {
        var statics = cube.ReadStatic(new GridBlock(0, cube.Grid.Rows, 0, cube.Grid.Columns));
        long n = 0;
        for (var i = 0; i < statics.Igbp.Length; i++)
            if (statics.IsLand(i) && !SurfaceRules.SetsFluxes(statics.Igbp[i]))
                n++;
        return n;
    }

    /// <summary>
    /// The infer stage of the model run, in this (fresh) process: the predictor loaded as a pipeline worker loads it,
    /// then every chunk as a chunk job runs it. Returns the stage's note: where the time went (loading the
    /// predictor, the network, the rest: reading the cube, batching, writing the chunk files) and the rates.
    /// </summary>
    public static string Infer(string work, Stopwatch sw)
    {
        var runDir = RunDir(work);
        var run = RunDescription.Load(runDir);
        var predictor = new TimedPredictor(BundlePredictors.Load(BundleDir(work), "cpu", InferencePrecision.Float32, InferenceEngine.Onnx));
        var loaded = sw.Elapsed.TotalSeconds;
        if (predictor.Identity != run.Predictor)
            throw new InvalidOperationException($"the run was planned for '{run.Predictor}', the predictor is '{predictor.Identity}'");
        var done = 0;
        foreach (var id in run.ChunkIds)
        {
            InferenceService.RunChunk(runDir, RunDescription.Load(runDir), id, predictor);
            Console.Error.WriteLine(FormattableString.Invariant(
                $"model year: chunk {id} done ({++done}/{run.ChunkIds.Count}), {sw.Elapsed.TotalSeconds:F0} s, {predictor.PixelDays / 1e6:F2} M pixel-days so far, network {predictor.Seconds:F0} s"));
        }
        var total = sw.Elapsed.TotalSeconds;
        var rest = total - loaded - predictor.Seconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"{predictor.PixelDays / 1e6:F2} M pixel-days handed to the model: {predictor.PixelDays / total:F0} land pixel-days/s through the whole stage ({predictor.PixelDays / predictor.Seconds:F0} in the network's calls); " +
            $"predictor load (ONNX export + session) {loaded:F1} s, network {predictor.Seconds:F1} s ({100 * predictor.Seconds / total:F0}%), reading the cube + batching + writing chunk files {rest:F1} s ({100 * rest / total:F0}%); " +
            $"{run.ChunkIds.Count} chunks, {ProductsBenchmark.DirectoryMiB(Path.Combine(runDir, InferenceService.ChunkFolder)):F0} MiB of chunk files");
    }

    /// <summary>The predictor as it is, with the time spent in its calls and the pixel-days it was handed counted.</summary>
    private sealed class TimedPredictor(IFluxPredictor inner) : IFluxPredictor
    {
        public IReadOnlyList<string> Features => inner.Features;
        public string Identity => inner.Identity;
        public double Seconds { get; private set; }
        public long PixelDays { get; private set; }

        public FluxBlock Predict(PixelBlock block)
        {
            var sw = Stopwatch.StartNew();
            var result = inner.Predict(block);
            Seconds += sw.Elapsed.TotalSeconds;
            PixelDays += (long)block.Pixels * block.Days;
            return result;
        }
    }

    /// <summary>The load average (1, 5, 15 min) now, for the table's notes.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>The summary row's note: the end-to-end time against the 20 minutes, and the model's rate beside the yardstick.</summary>
    /// <param name="targetApplies">The run is what the target speaks of (a year at 0.5 degree); otherwise the note says so instead of met or not.</param>
    public static string Summary(Setup setup, double inferSeconds, double publishSeconds, int days, bool targetApplies)
    {
        var total = inferSeconds + publishSeconds;
        var verdict = !targetApplies ? "not a 0.5 degree year, so not the target's case" : total <= 1200 ? "met" : "not met";
        var pixelDays = (double)setup.ModelPixels * days;
        var rate = pixelDays / inferSeconds;
        var gflops = rate * setup.Members * setup.FlopsPerPixelDay / 1e9;
        return string.Create(CultureInfo.InvariantCulture,
            $"{total / 60:F1} min against the 20 min target: {verdict}; {setup.ModelPixels} model pixels x {days} days = {pixelDays / 1e6:F1} M pixel-days at {pixelDays / total:F0} land pixel-days/s end to end, " +
            $"{rate:F0} through inference = {gflops:F1} GFLOP/s of matrix products ({100 * gflops / setup.MatmulFp32:F0}% of the fp32 matmul rate, {rate / setup.MatmulBf16:F1} pixel-days/s per bf16 GFLOP/s)");
    }
}
