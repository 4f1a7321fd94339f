using System.Diagnostics;
using System.Globalization;
using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.Runtime;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;
using static TorchSharp.torch;

namespace TamRl.Upscale.Bench;

/// <summary>
/// The model suite: training time per step and per epoch, and inference throughput (pixel-days/s) at
/// fp32 and bf16 for the product configuration, each beside this machine's own matmul throughput
/// measured in the same run, so the figures say which fraction of the machine's peak they reach.
/// Weights are freshly initialised: speed does not depend on their values.
/// </summary>
public static class ModelBenchmark
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public sealed record Settings(int Hidden = 128, int Latent = 32, int Layers = 1, int Window = 30, int Pixels = 1024, int Days = 365, int PixelsPerBatch = 16,
        int Threads = 0, int TrainSites = 40, int TrainDays = 730, int BatchSize = 32, int SupportWindows = 4, bool Train = true, int[]? BatchSizes = null,
        int Members = 10, int EnsemblePixels = 64, int WarmupDays = 0, bool EnginesOnly = false, int Repeats = 5, bool Engines = true);

    public static IReadOnlyList<string> Run(Settings s, Device device)
    {
        var lines = new List<string>();
        var threads = s.Threads > 0 ? s.Threads : Environment.ProcessorCount;
        TorchRuntime.SetThreads(threads);
        var matmul32 = MatmulGflops(ScalarType.Float32, device);
        var matmul16 = MatmulGflops(ScalarType.BFloat16, device);
        lines.Add($"device {device.type}, {threads} threads; matmul 1024x1024: fp32 {matmul32.ToString("F1", C)} GFLOP/s, bf16 {matmul16.ToString("F1", C)} GFLOP/s");

        var data = BenchSites.Synthetic(s.TrainSites, s.TrainDays);
        var train = Enumerable.Range(0, data.Sites).ToArray();
        var encoding = FeatureEncoding.Fit(data, train);
        var flopsPerDay = FlopsPerPixelDay(encoding.InputSize, s);
        lines.Add($"model: hidden {s.Hidden}, latent {s.Latent}, decoder layers {s.Layers}, window {s.Window}; {flopsPerDay / 1e6:F2} MFLOP per pixel-day (encoder + decoder, one member)");

        if (s.EnginesOnly)
        {
            lines.AddRange(Engines(s, TrainingOptionsFor(s, threads), encoding, s.BatchSizes ?? [s.PixelsPerBatch], matmul32, matmul16));
            return lines;
        }

        // Training: a few epochs capped at a fixed number of steps, TAM-RL with its support sets.
        var options = TrainingOptionsFor(s, threads);
        var trainer = new MemberTrainer(new EncodedSites(data, encoding), train, options, device);
        if (s.Train)
        {
        var member = trainer.Train(ModelKind.TamRl, seed: 1);
        var step = member.History[^1].Seconds / Math.Min(10, (trainer.FitWindowCount + s.BatchSize - 1) / s.BatchSize);
        var stepsPerEpoch = (trainer.FitWindowCount + s.BatchSize - 1) / s.BatchSize;
        lines.Add(string.Create(C, $"training TAM-RL: {step:F3} s per step (batch {s.BatchSize} x {s.Window} days, {s.SupportWindows} support windows each); " +
            $"an epoch of {trainer.FitWindowCount} windows ({s.TrainSites} sites x {s.TrainDays} days, stride {s.Window / 2}) = {stepsPerEpoch} steps = {step * stepsPerEpoch:F1} s"));
        }

        // Inference: one member, a block of pixels' whole series, fp32 then bf16; with several batch sizes
        // they alternate within each repetition so that load drift on a shared machine hits all alike.
        var block = BenchSites.Pixels(s.Pixels, s.Days);
        var batches = s.BatchSizes ?? [s.PixelsPerBatch];
        foreach (var (precision, peak) in new[] { (InferencePrecision.Float32, matmul32), (InferencePrecision.BFloat16, matmul16) })
        {
            // The earlier path (every tile encoded, leave-one-out codes), as these rows have always measured it.
            var predictors = batches.Select(b => new EnsemblePredictor([options.Architecture(ModelKind.TamRl, encoding).Build()], encoding, s.Window, "bench", precision, device, b,
                supportWindows: EnsemblePredictor.EveryOtherTile, stackMembers: false)).ToList();
            foreach (var p in predictors)
                p.Predict(BenchSites.Pixels(Math.Min(64, s.Pixels), s.Days)); // warm-up
            var best = batches.Select(_ => double.MaxValue).ToArray();
            for (var r = 0; r < 2; r++)
                for (var i = 0; i < predictors.Count; i++)
                {
                    var clock = Stopwatch.StartNew();
                    predictors[i].Predict(block);
                    best[i] = Math.Min(best[i], clock.Elapsed.TotalSeconds);
                }
            for (var i = 0; i < predictors.Count; i++)
            {
                var rate = (double)s.Pixels * s.Days / best[i];
                var achieved = rate * flopsPerDay / 1e9;
                lines.Add(string.Create(C, $"inference {(precision == InferencePrecision.Float32 ? "fp32" : "bf16")}: {rate:F0} pixel-days/s per member " +
                    $"({s.Pixels} pixels x {s.Days} days in {best[i]:F2} s, {batches[i]} pixels per batch); {achieved:F1} GFLOP/s = {100 * achieved / peak:F0}% of the matmul rate; " +
                    $"a 10-member ensemble: {rate / 10:F0} pixel-days/s"));
            }
        }
        if (s.Members > 0)
            lines.AddRange(Ensemble(s, options, encoding, device, batches, matmul16));
        if (s.Members > 0 && s.Engines && device.type == TorchSharp.DeviceType.CPU)
            lines.AddRange(Engines(s, options, encoding, [s.PixelsPerBatch], matmul32, matmul16));
        return lines;
    }

    private static TrainingOptions TrainingOptionsFor(Settings s, int threads) => new()
    {
        Hidden = s.Hidden, Latent = s.Latent, Layers = s.Layers, WindowLength = s.Window, WindowStride = s.Window / 2,
        BatchSize = s.BatchSize, SupportWindows = s.SupportWindows, Epochs = 2, PretrainEpochs = 0, Patience = 10, Threads = threads,
        MaxBatchesPerEpoch = 10,
    };

    /// <summary>
    /// ONNX Runtime against TorchSharp on the CPU (issue 16): the <see cref="Settings.Members"/>-member ensemble, one code per pixel,
    /// the same weights (fresh) and the same block through <see cref="EnsemblePredictor.Predict"/>: TorchSharp's default paths (fp32
    /// members one by one, bf16 members stacked) and the exported graph in ONNX Runtime's CPU execution provider with 2 and 1
    /// intra-op threads (fp32), at the CPU's default pixels per call. <see cref="Settings.Repeats"/> rounds, the engines alternating
    /// within each round so that load drift on a shared machine hits them alike; medians (and the range) per engine, the ratio of
    /// medians ORT / TorchSharp, the load average before and after, and each engine's largest difference from TorchSharp fp32.
    /// </summary>
    /// <param name="onnxPixels">Pixels per call of the ONNX Runtime variants (the CPU default, 16, unless --batch says otherwise).</param>
    private static IEnumerable<string> Engines(Settings s, TrainingOptions options, FeatureEncoding encoding, int[] onnxPixels, double matmul32, double matmul16)
    {
        var models = Enumerable.Range(0, s.Members).Select(_ => options.Architecture(ModelKind.TamRl, encoding).Build()).ToList();
        var block = BenchSites.Pixels(s.EnsemblePixels, s.Days);
        var engines = new List<(string Name, EnsemblePredictor Predictor)>
        {
            ("TorchSharp fp32 (members one by one)", new EnsemblePredictor(models, encoding, s.Window, "bench", InferencePrecision.Float32, CPU, warmupDays: s.WarmupDays, supportWindows: s.SupportWindows)),
            ("TorchSharp bf16 (members stacked)", new EnsemblePredictor(models, encoding, s.Window, "bench", InferencePrecision.BFloat16, CPU, warmupDays: s.WarmupDays, supportWindows: s.SupportWindows)),
        };
        foreach (var pixels in onnxPixels)
            foreach (var threads in new[] { 2, 1 })
                engines.Add(($"ONNX Runtime fp32, {threads} intra-op thread{(threads == 1 ? "" : "s")}", new EnsemblePredictor(models, encoding, s.Window, "bench", InferencePrecision.Float32, CPU,
                    pixels, warmupDays: s.WarmupDays, supportWindows: s.SupportWindows, engine: InferenceEngine.Onnx, engineThreads: threads)));
        var onnxBytes = TamRl.Upscale.Model.Onnx.TamRlOnnxExport.Export(models.Cast<TamRlModel>().ToList(), encoding.Targets, BalanceMode.Equal).ToBytes().Length;
        var loadBefore = LoadAverage();
        var reference = engines[0].Predictor.Predict(block);
        var differences = engines.Select(e => Differences(reference, e.Predictor.Predict(block))).ToList(); // also the warm-up
        var seconds = engines.Select(_ => new List<double>()).ToArray();
        for (var r = 0; r < s.Repeats; r++)
            for (var i = 0; i < engines.Count; i++)
            {
                var clock = Stopwatch.StartNew();
                engines[i].Predictor.Predict(block);
                seconds[i].Add(clock.Elapsed.TotalSeconds);
            }
        var loadAfter = LoadAverage();
        var pixelDays = (double)s.EnsemblePixels * s.Days;
        var medians = seconds.Select(t => pixelDays / Median(t)).ToArray();
        yield return string.Create(C, $"engines, ensemble of {s.Members}, one code per pixel ({s.SupportWindows} windows), warm-up {s.WarmupDays} d, " +
            $"{s.EnsemblePixels} pixels x {s.Days} days, {s.Repeats} alternating rounds, medians; matmul fp32 {matmul32:F1}, bf16 {matmul16:F1} GFLOP/s; " +
            $"load average (1/5/15 min) before {loadBefore}, after {loadAfter}; the exported ONNX model {onnxBytes / 1048576.0:F1} MiB");
        for (var i = 0; i < engines.Count; i++)
        {
            var rates = seconds[i].Select(t => pixelDays / t).ToArray();
            yield return string.Create(C, $"engine {engines[i].Name}, {engines[i].Predictor.PixelsPerCall(s.Days)} pixels per call: {medians[i]:F0} pixel-days/s " +
                $"(range {rates.Min():F0}-{rates.Max():F0}) = {medians[i] / matmul32:F1} per fp32 GFLOP/s; " +
                $"x{medians[i] / medians[0]:F2} TorchSharp fp32, x{medians[i] / medians[1]:F2} TorchSharp bf16; largest difference from TorchSharp fp32 {differences[i]}");
        }
    }

    private static double Median(IReadOnlyList<double> xs)
    {
        var sorted = xs.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Differences(FluxBlock a, FluxBlock b) => string.Create(C,
        $"GPP {LargestDifference(a, b):G3}, RECO {a.Reco.Zip(b.Reco, (x, y) => (double)Math.Abs(x - y)).Max():G3}, NEE {a.Nee.Zip(b.Nee, (x, y) => (double)Math.Abs(x - y)).Max():G3} (largest GPP {a.Gpp.Max():G3})");

    /// <summary>
    /// The whole ensemble (<see cref="Settings.Members"/> members of fresh weights) through <see cref="EnsemblePredictor.Predict"/>,
    /// three paths alternating within each repetition so that load drift hits them alike: the earlier one (every tile encoded,
    /// each tile's code from the pixel's other tiles, members one after another), one code per pixel from its support windows
    /// with members one after another, and the same with the members stacked as one computation. Each beside the bf16 matmul
    /// rate of the same run (the issue's yardstick: pixel-days/s of the ensemble per bf16 GFLOP/s).
    /// </summary>
    private static IEnumerable<string> Ensemble(Settings s, TrainingOptions options, FeatureEncoding encoding, Device device, int[] batches, double matmul16)
    {
        var models = Enumerable.Range(0, s.Members).Select(_ => options.Architecture(ModelKind.TamRl, encoding).Build()).ToList();
        var paths = new (string Name, int Support, bool Stack)[]
        {
            ("every tile, members one by one (earlier)", EnsemblePredictor.EveryOtherTile, false),
            ($"one code per pixel ({s.SupportWindows} windows), members one by one", s.SupportWindows, false),
            ($"one code per pixel ({s.SupportWindows} windows), members stacked", s.SupportWindows, true),
        };
        var block = BenchSites.Pixels(s.EnsemblePixels, s.Days);
        foreach (var precision in new[] { InferencePrecision.Float32, InferencePrecision.BFloat16 })
        {
            var runs = paths.SelectMany(p => batches.Select(b => (Path: p, Batch: b,
                Predictor: new EnsemblePredictor(models, encoding, s.Window, "bench", precision, device, b, warmupDays: s.WarmupDays,
                    supportWindows: p.Support, stackMembers: p.Stack)))).ToList();
            var reference = runs[0].Predictor.Predict(block);
            var differences = runs.Select(r => LargestDifference(reference, r.Predictor.Predict(block))).ToList(); // also the warm-up
            var best = runs.Select(_ => double.MaxValue).ToArray();
            for (var r = 0; r < 2; r++)
                for (var i = 0; i < runs.Count; i++)
                {
                    var clock = Stopwatch.StartNew();
                    runs[i].Predictor.Predict(block);
                    best[i] = Math.Min(best[i], clock.Elapsed.TotalSeconds);
                }
            for (var i = 0; i < runs.Count; i++)
            {
                var rate = (double)s.EnsemblePixels * s.Days / best[i];
                yield return string.Create(C, $"ensemble of {s.Members}, {(precision == InferencePrecision.Float32 ? "fp32" : "bf16")}, {runs[i].Path.Name}, " +
                    $"{runs[i].Predictor.PixelsPerCall(s.Days)} pixels per batch, warm-up {s.WarmupDays} d: {rate:F0} pixel-days/s = {rate / matmul16:F1} per bf16 GFLOP/s " +
                    $"({s.EnsemblePixels} pixels x {s.Days} days in {best[i]:F2} s); GPP largest difference from the earlier path {differences[i]:G3}");
            }
        }
    }

    private static double LargestDifference(FluxBlock a, FluxBlock b) => a.Gpp.Zip(b.Gpp, (x, y) => (double)Math.Abs(x - y)).Max();

    /// <summary>
    /// A real TAM-RL bundle of the product architecture (<paramref name="training"/>, e.g. jobs/model.json's
    /// sizes): members with their seeds 1..<paramref name="members"/>, each trained a couple of steps on the
    /// synthetic sites (speed does not depend on the weights), saved with <see cref="ModelBundle.Save"/>.
    /// Returns the model's MFLOP per pixel-day and member, counted as <see cref="FlopsPerPixelDay"/> does.
    /// </summary>
    /// <param name="inferenceSettings">Also save the decoder warm-up, balance and support windows of <paramref name="training"/>, as
    /// <c>tamrl train</c> does (off: the bundle's inference runs without warm-up, as the chunk rows of the products suite measure).</param>
    internal static double SaveProductBundle(string directory, TrainingOptions training, int members, int threads, bool inferenceSettings = false)
    {
        TorchRuntime.SetThreads(threads);
        var data = BenchSites.Synthetic(40, 365);
        var train = Enumerable.Range(0, data.Sites).ToArray();
        var encoding = FeatureEncoding.Fit(data, train);
        var options = training with { Epochs = 1, PretrainEpochs = 0, MaxBatchesPerEpoch = 2, Threads = threads };
        var trainer = new MemberTrainer(new EncodedSites(data, encoding), train, options, CPU);
        var trained = Enumerable.Range(1, members).Select(seed => trainer.Train(ModelKind.TamRl, seed)).ToList();
        ModelBundle.Save(directory, encoding, options.WindowLength, trained, data.SiteIds, "igbp",
            inferenceSettings ? training.WarmupDays : 0, inferenceSettings ? training.Balance : "equal",
            supportWindows: inferenceSettings ? training.SupportWindows : InferenceSupport.DefaultWindows);
        return FlopsPerPixelDay(encoding.InputSize, new Settings(Hidden: options.Hidden, Latent: options.Latent, Layers: options.Layers, Window: options.WindowLength));
    }

    /// <summary>Multiply-adds of the model's matrix products per pixel-day, times two.</summary>
    internal static double FlopsPerPixelDay(int input, Settings s)
    {
        double h = s.Hidden;
        var encoder = input * h + 2 * (h * 4 * h + h * 4 * h);
        var decoder = input * h + s.Layers * (h * 4 * h + h * 4 * h) + h * 3;
        return 2 * (encoder + decoder);
    }

    /// <summary>This machine's matmul rate (1024 x 1024, best of three), GFLOP/s: the yardstick every inference figure is a fraction of.</summary>
    internal static double MatmulGflops(ScalarType type, Device device)
    {
        const int n = 1024;
        using var a = randn(n, n).to(type).to(device);
        using var b = randn(n, n).to(type).to(device);
        using (var warm = a.matmul(b)) { }
        var best = double.MaxValue;
        for (var r = 0; r < 3; r++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 5; i++)
            {
                using var c = a.matmul(b);
                if (device.type == TorchSharp.DeviceType.CUDA)
                    cuda.synchronize();
            }
            best = Math.Min(best, clock.Elapsed.TotalSeconds / 5);
        }
        return 2.0 * n * n * n / best / 1e9;
    }
}
