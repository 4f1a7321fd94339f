using System.Diagnostics;
using System.Globalization;
using TamRl.Upscale.Bench;
using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.Runtime;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

// The product ensemble through the project's own C# inference path (ModelBundle.Save/Load ->
// EnsemblePredictor.FromBundle -> Predict), for issue 16's CUDA figures.
//
// Weights and inputs come from managed seeds (System.Random), not from libtorch's generator, so this
// machine and the GPU machine build the very same ensemble without carrying it (10 members are ~20 MB):
// the encoding is fitted on synthetic sites (as bench/TamRl.Upscale.Bench's ModelBenchmark does), every
// parameter is overwritten with uniform values of the usual 1/sqrt(fan-in) size, and the bundle is saved and
// loaded like a trained one (warm-up 30 days, as jobs/model.json).
//
//   reference DIR              CPU outputs of the check block, fp32 and bf16, written to DIR (run here)
//   cuda DIR [--budget-s S] [--pixels N] [--skip-cpu-check] [--skip-checks] [--precision fp32|bf16] [--targets 256,1024,...]
//                              on the GPU machine: the check block on CPU and CUDA against DIR's outputs,
//                              the matmul rate through TorchSharp, then pixel-days/s at several batch sizes
//
// Run it through bench/cuda/csharp-cuda.sh (which publishes it and prepares the carried bundle).
internal static class Program
{
    private const int Members = 10, Hidden = 128, Latent = 32, Layers = 1, Window = 30, Warmup = 30, Days = 365;
    private const int CheckPixels = 64;
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static int Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: reference DIR | cuda DIR [--budget-s S] [--pixels N]");
            return 2;
        }
        var dir = args[1];
        var budget = Option(args, "--budget-s", 150);
        var pixels = Option(args, "--pixels", 4096);
        var checks = !args.Contains("--skip-checks"); // the output checks and the matmul rate (a second run needs them no more)
        var precisions = Text(args, "--precision") switch
        {
            "fp32" => new[] { InferencePrecision.Float32 },
            "bf16" => new[] { InferencePrecision.BFloat16 },
            _ => new[] { InferencePrecision.Float32, InferencePrecision.BFloat16 },
        };
        // Pixels per call (the product's default budget, 8 GiB, gives 3226 in fp32 and 4096 in bf16 at warm-up 30). In
        // ascending order the device memory that nvidia-smi reads (the caching allocator gives none back) rises to each one's peak.
        var targets = Text(args, "--targets")?.Split(',').Select(v => int.Parse(v, C)).ToArray() ?? [4096, 1024, 2048, 256];
        var clock = Stopwatch.StartNew();
        var bundleDir = Path.Combine(Path.GetTempPath(), $"tamrl-cudacheck-{Environment.ProcessId}");
        var weightSum = MakeBundle(bundleDir);
        Console.WriteLine(string.Create(C, $"bundle: {Members} members, hidden {Hidden}, latent {Latent}, window {Window}, warm-up {Warmup}; sum|w| = {weightSum:R} ({clock.Elapsed.TotalSeconds:F1} s)"));
        var check = BenchSites.Pixels(CheckPixels, Days, seed: 3);
        if (args[0] == "reference")
        {
            Directory.CreateDirectory(dir);
            TorchRuntime.SetThreads(Math.Min(2, Environment.ProcessorCount));
            foreach (var precision in new[] { InferencePrecision.Float32, InferencePrecision.BFloat16 })
            {
                var t = Stopwatch.StartNew();
                var outputs = Predictor(bundleDir, precision, CPU, 16).Predict(check);
                Write(Path.Combine(dir, $"cpu-{Name(precision)}.f32"), outputs);
                Console.WriteLine(string.Create(C, $"reference {Name(precision)}: {CheckPixels} pixels x {Days} days on the CPU in {t.Elapsed.TotalSeconds:F1} s"));
            }
            Directory.Delete(bundleDir, recursive: true);
            return 0;
        }
        if (args[0] != "cuda")
            return 2;

        // 1. CPU on this machine (its own libtorch) against the carried reference.
        TorchRuntime.SetThreads(Environment.ProcessorCount);
        foreach (var precision in args.Contains("--skip-cpu-check") || !checks ? [] : new[] { InferencePrecision.Float32, InferencePrecision.BFloat16 })
            Compare($"CPU here {Name(precision)}", Read(Path.Combine(dir, $"cpu-{Name(precision)}.f32")), Predictor(bundleDir, precision, CPU, 16).Predict(check));

        // 2. CUDA: TorchSharp's own initialisation first, so that a failure prints its load trace; then resolved
        // as the product does (--device cuda); the matmul rate through TorchSharp before the model is tried.
        var cpuDryRun = args.Contains("--dry-run-on-cpu"); // this machine: the same stages on the CPU, to test the program
        try
        {
            if (!cpuDryRun)
                InitializeDeviceType(DeviceType.CUDA);
        }
        catch (Exception e)
        {
            Console.WriteLine($"InitializeDeviceType(CUDA) failed: {e}");
            return 3;
        }
        var device = TorchRuntime.ResolveDevice(cpuDryRun ? "cpu" : "cuda");
        Console.WriteLine($"device: {device}, cuda devices {(cpuDryRun ? 0 : cuda.device_count())}");
        var mm32 = checks ? Matmul(ScalarType.Float32, device) : double.NaN;
        var mm16 = checks ? Matmul(ScalarType.BFloat16, device) : double.NaN;
        Console.WriteLine(string.Create(C, $"matmul 8192^3 through TorchSharp: fp32 {mm32:F0} GFLOP/s, bf16 {mm16:F0} GFLOP/s"));
        foreach (var precision in checks ? new[] { InferencePrecision.Float32, InferencePrecision.BFloat16 } : [])
            Compare($"{device.type} {Name(precision)}", Read(Path.Combine(dir, $"cpu-{Name(precision)}.f32")), Predictor(bundleDir, precision, device, 16).Predict(check));

        // 3. Throughput of the whole Predict call (host encoding, upload, 10 members, download, ensemble means).
        var flops = FlopsPerPixelDay(ReadInputSize(bundleDir));
        Console.WriteLine(string.Create(C, $"model: {flops / 1e6:F2} MFLOP per pixel-day per member (encoder + decoder, warm-up not counted)"));
        var block = BenchSites.Pixels(pixels, Days, seed: 5);
        Console.WriteLine("| precision | pixels per call | TAMRL_CUDA_MEMORY | pixel-days/s, 10-member ensemble | s per block | GFLOP/s in products | of TorchSharp matmul |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var target in targets)
            foreach (var precision in precisions)
            {
                var bytes = precision == InferencePrecision.BFloat16 ? 2 : 4;
                if (clock.Elapsed.TotalSeconds > budget)
                {
                    Console.WriteLine($"(skipped {Name(precision)} at {target}: past the {budget} s budget)");
                    continue;
                }
                var memory = target * PerPixelBytes(bytes);
                var from = DateTime.UtcNow;
                var predictor = Predictor(bundleDir, precision, device, 16, memory);
                var actual = new PredictorBatching(16, memory).PixelsPerBatch(device.type, Days, Window, Hidden, bytes, Warmup);
                predictor.Predict(BenchSites.Pixels(Math.Min(256, pixels), Days, seed: 9)); // warm-up: kernels, allocator
                var best = double.MaxValue;
                for (var r = 0; r < 2; r++)
                {
                    var t = Stopwatch.StartNew();
                    predictor.Predict(block);
                    best = Math.Min(best, t.Elapsed.TotalSeconds);
                }
                // For reading the GPU's utilisation (sampled by nvidia-smi beside this run) over each configuration.
                Console.Error.WriteLine(string.Create(C, $"timed {Name(precision)} {actual}: {from:HH:mm:ss.fff} to {DateTime.UtcNow:HH:mm:ss.fff} UTC"));
                var rate = (double)pixels * Days / best;
                var gflops = rate * Members * flops / 1e9;
                Console.WriteLine(string.Create(C, $"| {Name(precision)} | {actual} | {memory / (1024.0 * 1024 * 1024):F2} GiB | {rate:F0} | {best:F2} | {gflops:F0} | {gflops / (precision == InferencePrecision.BFloat16 ? mm16 : mm32):F2} |"));
                GC.Collect();
            }
        foreach (var precision in precisions)
            foreach (var target in targets.Where(t => t >= 1024).Order())
                NetworkOnly(bundleDir, precision, device, Math.Min(target, pixels));
        Directory.Delete(bundleDir, recursive: true);
        Console.WriteLine(string.Create(C, $"done in {clock.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    /// <summary>
    /// The 10 members' forward passes alone on inputs already on the device (what EnsemblePredictor does between
    /// its upload and its download, leave-one-out codes included), synchronised: the GPU's share of a Predict call.
    /// </summary>
    private static void NetworkOnly(string bundleDir, InferencePrecision precision, Device device, int pixels)
    {
        var bundle = ModelBundle.Load(bundleDir);
        _ = EnsemblePredictor.FromBundle(bundle, precision, device); // moves the members to the device and precision
        var type = precision == InferencePrecision.BFloat16 ? ScalarType.BFloat16 : ScalarType.Float32;
        var tiles = WindowPlan.InferenceTiles(Days, Window).Length;
        double Once()
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var rows = pixels * tiles;
            var q = randn(new long[] { rows, Window, bundle.Architecture.InputSize }, type, device);
            var dq = randn(new long[] { rows, Window + Warmup, bundle.Architecture.InputSize }, type, device);
            var st = randn(new long[] { rows, bundle.Architecture.StaticSize }, type, device);
            Sync(device);
            var t = Stopwatch.StartNew();
            foreach (var m in bundle.Members.Cast<TamRlModel>())
            {
                using var member = NewDisposeScope(); // as EnsemblePredictor: one member's tensors at a time
                var codes = m.Encoder.forward(q).reshape(pixels, tiles, -1);
                var loo = ((codes.sum(1, keepdim: true) - codes) / (tiles - 1)).reshape(rows, -1);
                _ = m.forward(new ModelInputs(dq, st, TaskCode: loo)).to(ScalarType.Float32);
            }
            Sync(device);
            return t.Elapsed.TotalSeconds;
        }
        var from = DateTime.UtcNow;
        Once();
        var best = Math.Min(Once(), Once());
        Console.Error.WriteLine(string.Create(C, $"timed network-only {Name(precision)} {pixels}: {from:HH:mm:ss.fff} to {DateTime.UtcNow:HH:mm:ss.fff} UTC"));
        Console.WriteLine(string.Create(C, $"network only, {Name(precision)}, {pixels} pixels per call: {pixels * (double)Days / best:F0} pixel-days/s for the 10 members ({best:F3} s per call, inputs already on the device)"));
    }

    private static string Name(InferencePrecision p) => p == InferencePrecision.BFloat16 ? "bf16" : "fp32";

    private static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], C) : fallback;
    }

    private static EnsemblePredictor Predictor(string bundleDir, InferencePrecision precision, Device device, int cpuPixels, long memory = PredictorBatching.DefaultDeviceMemoryBytes)
        => EnsemblePredictor.FromBundle(ModelBundle.Load(bundleDir), precision, device, cpuPixels, memory);

    /// <summary>PredictorBatching's bytes per pixel for this series, so a budget of b times it gives b pixels per call.</summary>
    private static long PerPixelBytes(int elementBytes)
    {
        var tileSteps = (long)WindowPlan.InferenceTiles(Days, Window).Length * Window;
        var decodeFactor = Math.Min(Days, Window + Warmup) / (double)Window;
        return (long)Math.Ceiling(tileSteps * PredictorBatching.DeviceBytesPerTileStep * Hidden * elementBytes * (2 + decodeFactor) / 3);
    }

    /// <summary>Builds the ensemble from managed seeds and saves it as a bundle; returns the sum of |w| over all members.</summary>
    private static double MakeBundle(string directory)
    {
        var data = BenchSites.Synthetic(40, 365);
        var train = Enumerable.Range(0, data.Sites).ToArray();
        var encoding = FeatureEncoding.Fit(data, train);
        var architecture = new ModelArchitecture(ModelKind.TamRl, encoding.InputSize, encoding.StaticSize, Hidden, Latent, Layers, 0.0);
        var members = new List<TrainedMember>();
        var total = 0.0;
        for (var seed = 1; seed <= Members; seed++)
        {
            FluxSequenceModel model;
            using (TorchRuntime.HoldGlobalRandomState())
                model = architecture.Build();
            var rng = new Random(1000 + seed);
            using (no_grad())
                foreach (var (name, p) in model.named_parameters())
                {
                    var n = (int)p.numel();
                    // 2.5 x the usual 1/sqrt(fan-in), so that outputs vary visibly between pixels and days (a
                    // check on near-constant outputs would prove little); BatchNorm's scale near 1.
                    var norm = name.Contains("norm", StringComparison.OrdinalIgnoreCase) && name.EndsWith("weight", StringComparison.Ordinal);
                    var bound = 2.5 / Math.Sqrt(p.shape.Length > 1 ? p.shape[^1] : Hidden);
                    var values = new float[n];
                    for (var i = 0; i < n; i++)
                    {
                        values[i] = (float)((norm ? 1 : 0) + (2 * rng.NextDouble() - 1) * (norm ? 0.1 : bound));
                        total += Math.Abs(values[i]);
                    }
                    using var t = tensor(values, p.shape);
                    p.copy_(t);
                }
            model.eval();
            members.Add(new TrainedMember(model, seed, 0, 0, []));
        }
        ModelBundle.Save(directory, encoding, Window, members, data.SiteIds, "igbp", warmupDays: Warmup);
        return total;
    }

    private static int ReadInputSize(string bundleDir) => ModelBundle.Load(bundleDir).Architecture.InputSize;

    /// <summary>Multiply-adds of the model's matrix products per pixel-day, times two (ModelBenchmark.FlopsPerPixelDay).</summary>
    private static double FlopsPerPixelDay(int input)
    {
        double h = Hidden;
        var encoder = input * h + 2 * (h * 4 * h + h * 4 * h);
        var decoder = input * h + Layers * (h * 4 * h + h * 4 * h) + h * 3;
        return 2 * (encoder + decoder);
    }

    private static void Sync(Device device)
    {
        if (device.type == DeviceType.CUDA)
            cuda.synchronize();
    }

    private static double Matmul(ScalarType type, Device device)
    {
        var n = device.type == DeviceType.CUDA ? 8192 : 512;
        using var a = randn(n, n).to(type).to(device);
        using var b = randn(n, n).to(type).to(device);
        for (var i = 0; i < 3; i++)
            using (a.matmul(b)) { }
        Sync(device);
        var t = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
            using (a.matmul(b)) { }
        Sync(device);
        return 2.0 * n * n * n * 10 / t.Elapsed.TotalSeconds / 1e9;
    }

    private static void Compare(string label, float[] reference, FluxBlock got)
    {
        var names = new[] { "GPP", "RECO", "NEE", "GPP spread", "RECO spread", "NEE spread" };
        var fields = Fields(got);
        var per = reference.Length / 6;
        var parts = new List<string>();
        var worst = 0.0;
        for (var f = 0; f < 6; f++)
        {
            double maxDiff = 0, lo = double.MaxValue, hi = double.MinValue;
            var nonFinite = 0;
            for (var i = 0; i < per; i++)
            {
                var r = reference[f * per + i];
                var g = fields[f][i];
                if (!float.IsFinite(g))
                    nonFinite++;
                maxDiff = Math.Max(maxDiff, Math.Abs((double)r - g));
                lo = Math.Min(lo, r);
                hi = Math.Max(hi, r);
            }
            worst = Math.Max(worst, maxDiff / Math.Max(hi - lo, 1e-12));
            parts.Add(string.Create(C, $"{names[f]} max|diff| {maxDiff:G3} (reference {lo:G4}..{hi:G4}){(nonFinite > 0 ? $", {nonFinite} non-finite" : "")}"));
        }
        Console.WriteLine(string.Create(C, $"check {label} vs the carried CPU reference ({CheckPixels} pixels x {Days} days): largest |diff| / reference range = {worst:G3}; {string.Join("; ", parts)}"));
    }

    private static float[][] Fields(FluxBlock b) => [b.Gpp, b.Reco, b.Nee, b.GppSpread, b.RecoSpread, b.NeeSpread];

    private static void Write(string path, FluxBlock b)
    {
        using var w = new BinaryWriter(File.Create(path));
        foreach (var f in Fields(b))
            foreach (var v in f)
                w.Write(v);
    }

    private static float[] Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}
