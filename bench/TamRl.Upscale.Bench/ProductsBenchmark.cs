using System.Diagnostics;
using System.Globalization;
using System.Text;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.Training;
using TamRl.Upscale.Products;
using TamRl.Upscale.Products.Checks;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Publishing;
using TamRl.Upscale.Products.Tests.Doubles;

namespace TamRl.Upscale.Bench;

/// <summary>
/// Suite <c>products</c>: one year (or <c>--period</c>), daily, global land at 2, 1 and 0.5 degrees, each resolution in its own
/// process so peak RSS is its own. Stages: writing the synthetic driver cube to disk (Ingest's writer; the
/// setup, not a products stage), planning, inference (cube read chunk by chunk + the test predictor +
/// chunk files), assembly (NetCDF, COG, quicklooks), checks, and the atomic swap. Peak RSS per stage via
/// /proc/self/clear_refs (reset) and VmHWM. No reference tool exists for these stages, so the table
/// gives times and memory rather than ratios.
/// <para>
/// With a real model (<see cref="RealModel"/>, on by default at the first resolution): a TAM-RL bundle of
/// jobs/model.json's architecture is built (<see cref="ModelBenchmark.SaveProductBundle"/>) and the densest
/// chunks of a run planned with a smaller budget are inferred with it at fp32 and bf16, beside this machine's
/// matmul rate measured in the same process (<see cref="ModelBenchmark.MatmulGflops"/>), so the throughput
/// reads as a fraction of the peak. With <c>--model-year</c>, instead, the whole period with the product ensemble through
/// ONNX Runtime, then published, as the pipeline does (<see cref="ProductsModelYear"/>); <c>--land kottek</c> puts the cube
/// on real land (<see cref="KottekLandCube"/>).
/// </para>
/// </summary>
public static class ProductsBenchmark
{
    /// <summary>
    /// The real-model stage: members of the ensemble (0: off), chunks inferred per precision, their budget, the resolution it runs at;
    /// <paramref name="Year"/>: instead, the whole period with the product ensemble through ONNX Runtime, then published
    /// (<see cref="ProductsModelYear"/>); <paramref name="SkipTestPredictor"/>: with it, the test predictor's infer and publish left out.
    /// </summary>
    public sealed record RealModel(int Members = 2, int Chunks = 1, string Budget = "16MiB", double? Resolution = null, bool Year = false,
        bool SkipTestPredictor = false);

    /// <param name="landSource">"synthetic" (the synthetic cube's land formula) or "kottek" (real land, <see cref="KottekLandCube"/>).</param>
    public static string RunAll(string work, IReadOnlyList<double> resolutions, string budget, RealModel? model = null, string period = "2021", string landSource = "synthetic")
    {
        model ??= new RealModel();
        var sb = new StringBuilder();
        sb.AppendLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; budget {budget} per chunk, test predictor (LUE formula){(model.Year && model.SkipTestPredictor ? " not run" : "")}, {DatePeriod.Parse(period)} daily, {(landSource == "kottek" ? "real land (Kottek map, ice cap as IGBP 15)" : "synthetic land")}; " +
            (model.Members <= 0 ? "no real model"
                : model.Year ? $"TAM-RL {model.Members} members, ONNX Runtime, the whole period at {model.Resolution ?? resolutions[0]} degrees, published (model year)"
                : $"TAM-RL {model.Members} members on {model.Chunks} chunk(s) of a {model.Budget} plan at {model.Resolution ?? resolutions[0]} degrees"));
        sb.AppendLine();
        sb.AppendLine("| resolution | land pixels | chunks | stage | wall (s) | peak RSS (MiB) | note |");
        sb.AppendLine("|---|---:|---:|---|---:|---:|---|");
        foreach (var res in resolutions)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            psi.ArgumentList.Add(typeof(ProductsBenchmark).Assembly.Location);
            var members = res == (model.Resolution ?? resolutions[0]) ? model.Members : 0;
            foreach (var a in new[] { "products-one", res.ToString(CultureInfo.InvariantCulture), "--work", Path.Combine(work, $"res{res}"), "--budget", budget,
                         "--model-members", members.ToString(CultureInfo.InvariantCulture), "--model-chunks", model.Chunks.ToString(CultureInfo.InvariantCulture), "--model-budget", model.Budget,
                         "--period", period })
                psi.ArgumentList.Add(a);
            if (model.Year)
                psi.ArgumentList.Add("--model-year");
            if (model.SkipTestPredictor)
                psi.ArgumentList.Add("--no-test-predictor");
            psi.ArgumentList.Add("--land");
            psi.ArgumentList.Add(landSource);
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            sb.Append(output);
        }
        return sb.ToString();
    }

    /// <summary>One resolution, in this process; prints table rows.</summary>
    public static int RunOne(double resolution, string work, string budget, RealModel? model = null, string periodText = "2021", string landSource = "synthetic")
    {
        model ??= new RealModel(Members: 0);
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        var period = DatePeriod.Parse(periodText);
        var grid = RegularLatLonGrid.Global(resolution);
        var synthetic = new SyntheticDriverCube(grid, period);
        var kottek = landSource switch
        {
            "synthetic" => null,
            "kottek" => KottekLandCube.Statics(Path.Combine(AppContext.BaseDirectory, "..", "..", "data", "real"), grid),
            _ => throw new ArgumentException($"--land: expected synthetic or kottek, got '{landSource}'"),
        };
        var land = kottek is null ? synthetic.LandFraction.Count(f => f > 0) : kottek.LandFraction.Count(f => f > 0);
        // Chunks: the run's chunk count where a row is not the test predictor's run (the model year plans its own).
        var rows = new List<(string Stage, double Seconds, double PeakMiB, string Note, int? Chunks)>();

        void Stage(string name, Action action, Func<double, string>? note = null)
        {
            // Give the previous stage's memory back to the OS, so each stage's peak is its own.
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            ResetPeak();
            var sw = Stopwatch.StartNew();
            action();
            var seconds = sw.Elapsed.TotalSeconds;
            rows.Add((name, seconds, PeakMiB(), note?.Invoke(seconds) ?? "", null));
        }

        var drivers = Path.Combine(work, "drivers");
        Stage("write driver cube (setup)", () =>
        {
            if (kottek is null)
                DriverCubeFiles.Write(drivers, synthetic, period.Months());
            else
                KottekLandCube.Write(drivers, grid, kottek, period.Months());
        }, _ => $"{DirectoryMiB(drivers):F0} MiB on disk");
        var runDir = Path.Combine(work, "runs", "bench");
        RunDescription? run = null;
        using var cube = NetCdfDriverCube.Open(drivers);
        var predictor = new LightUseEfficiencyTestPredictor();
        Stage("plan", () => run = InferenceService.PlanRun(runDir, "bench", cube, period, new MemoryBudget(MemoryBudget.ParseBytes(budget), 1024, 0), predictor.Identity));
        // The products stages each in a fresh process: the setup above leaves memory the runtime keeps (the
        // cube writer holds a month of the grid), which would otherwise count in their peaks.
        double ChildStage(string name, string verb, string runId = TestRunId, int? chunks = null)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { typeof(ProductsBenchmark).Assembly.Location, "products-stage", verb, "--work", work, "--run", runId })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd().Trim().Split('\n')[^1].Split('\t');
            p.WaitForExit();
            if (p.ExitCode != 0 || output.Length != 4)
                throw new InvalidOperationException($"products-stage {verb} failed (exit {p.ExitCode}): {string.Join(' ', output)}");
            var seconds = double.Parse(output[0], CultureInfo.InvariantCulture);
            rows.Add((name, seconds, double.Parse(output[1], CultureInfo.InvariantCulture),
                FormattableString.Invariant($"{output[3]}; own process, {double.Parse(output[2], CultureInfo.InvariantCulture):F0} MiB before the stage began"), chunks));
            return seconds;
        }

        if (!model.Year || !model.SkipTestPredictor)
        {
            ChildStage("infer (read cube, predict, write chunks)", "infer");
            ChildStage("publish (assemble + checks + swap)", "publish");
        }

        if (model is { Members: > 0, Year: true })
        {
            var setup = ProductsModelYear.Prepare(model.Members, work, cube, period, Stage);
            var load = ProductsModelYear.LoadAverage();
            var infer = ChildStage($"infer with the product ensemble, {model.Members} members, ONNX Runtime fp32", "infer", ProductsModelYear.RunId, setup.Chunks);
            var publish = ChildStage("publish the model run (assemble + checks + swap)", "publish", ProductsModelYear.RunId, setup.Chunks);
            rows.Add(("model year end to end (infer + publish)", infer + publish, rows[^2].PeakMiB > rows[^1].PeakMiB ? rows[^2].PeakMiB : rows[^1].PeakMiB,
                ProductsModelYear.Summary(setup, infer, publish, period.Days, resolution == 0.5 && period.Days >= 365) + $"; load average {load} before inference, {ProductsModelYear.LoadAverage()} after publication", setup.Chunks));
        }
        else if (model is { Members: > 0 })
            RealModelStages(model, work, cube, period, Stage);

        foreach (var (stage, seconds, peak, note, chunks) in rows)
            Console.WriteLine(FormattableString.Invariant($"| {resolution} | {land} | {chunks ?? run!.ChunkIds.Count} | {stage} | {seconds:F1} | {peak:F0} | {note} |"));
        // TAMRL_BENCH_KEEP=1 keeps the products, e.g. to compare them with another version's.
        if (Environment.GetEnvironmentVariable("TAMRL_BENCH_KEEP") is null)
            Directory.Delete(work, recursive: true);
        return 0;
    }

    /// <summary>Builds the bundle, measures the matmul rate, then infers the densest chunks with the bundle at fp32 and bf16.</summary>
    private static void RealModelStages(RealModel model, string work, NetCdfDriverCube cube, DatePeriod period, Action<string, Action, Func<double, string>?> stage)
    {
        var threads = Environment.ProcessorCount;
        var bundleDir = Path.Combine(work, "bundle");
        var training = ModelRunConfig.Load(Path.Combine(AppContext.BaseDirectory, "..", "..", "jobs", "model.json")).Training;
        var flops = 0.0;
        stage($"build a TAM-RL bundle, {model.Members} member(s) (setup)", () => flops = ModelBenchmark.SaveProductBundle(bundleDir, training, model.Members, threads),
            _ => FormattableString.Invariant($"jobs/model.json sizes: hidden {training.Hidden}, latent {training.Latent}, {training.Layers} decoder layer(s), window {training.WindowLength}; two training steps per member; {flops / 1e6:F2} MFLOP per pixel-day per member"));
        var device = TorchSharp.torch.CPU;
        var peaks = new Dictionary<InferencePrecision, double>();
        stage("matmul 1024x1024 fp32 and bf16 (yardstick)", () =>
        {
            peaks[InferencePrecision.Float32] = ModelBenchmark.MatmulGflops(TorchSharp.torch.ScalarType.Float32, device);
            peaks[InferencePrecision.BFloat16] = ModelBenchmark.MatmulGflops(TorchSharp.torch.ScalarType.BFloat16, device);
        }, _ => FormattableString.Invariant($"fp32 {peaks[InferencePrecision.Float32]:F1} GFLOP/s, bf16 {peaks[InferencePrecision.BFloat16]:F1} GFLOP/s, {threads} threads"));

        foreach (var (precision, name) in new[] { (InferencePrecision.Float32, "fp32"), (InferencePrecision.BFloat16, "bf16") })
        {
            // A bundle loaded per precision: the predictor converts the members it is given.
            var predictor = EnsemblePredictor.FromBundle(ModelBundle.Load(bundleDir), precision, device);
            var runDir = Path.Combine(work, "runs", $"tamrl-{name}");
            var run = InferenceService.PlanRun(runDir, $"tamrl-{name}", cube, period, new MemoryBudget(MemoryBudget.ParseBytes(model.Budget), 1024, 0), predictor.Identity);
            using var runLand = LandFraction.OpenRun(runDir, run.Grid.ToGrid());
            var chunks = InferenceService.PlanOf(run, runLand).Chunks.OrderByDescending(c => c.LandPixels).ThenBy(c => c.Id).Take(model.Chunks).ToList();
            var pixelDays = (double)chunks.Sum(c => c.LandPixels) * period.Days;
            stage($"infer with TAM-RL, {model.Members} member(s), {name}", () =>
            {
                foreach (var c in chunks)
                    InferenceService.RunChunk(runDir, c.Id, cube, predictor);
            }, seconds =>
            {
                var rate = pixelDays / seconds;
                var gflops = rate * model.Members * flops / 1e9;
                return FormattableString.Invariant(
                    $"{chunks.Count} chunk(s), {chunks.Sum(c => c.LandPixels)} land pixels x {period.Days} days: {rate:F0} land pixel-days/s for the ensemble ({rate * model.Members:F0} per member) through the whole stage; model {gflops:F1} GFLOP/s = {100 * gflops / peaks[precision]:F1}% of this run's {name} matmul rate");
            });
        }
    }

    /// <summary>
    /// One products stage of a prepared work folder, in this (fresh) process; prints "seconds, peak RSS
    /// (VmHWM, MiB), RSS before the stage (MiB), note", tab-separated.
    /// </summary>
    public static int RunStage(string verb, string work, string runId = TestRunId)
    {
        if (runId == ProductsModelYear.RunId)
            return RunModelStage(verb, work);
        var runDir = Path.Combine(work, "runs", TestRunId);
        var run = RunDescription.Load(runDir);
        using var cube = NetCdfDriverCube.Open(Path.Combine(work, "drivers"));
        var predictor = new LightUseEfficiencyTestPredictor();
        long landPixels;
        using (var land = LandFraction.OpenRun(runDir, run.Grid.ToGrid()))
            landPixels = InferenceService.PlanOf(run, land).Chunks.Sum(c => (long)c.LandPixels);
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var before = RssMiB();
        ResetPeak();
        var sw = Stopwatch.StartNew();
        string note;
        var earlierPeak = 0.0; // peaks read (and reset) at publication steps
        if (verb == "infer")
        {
            if (Environment.GetEnvironmentVariable("TAMRL_BENCH_TRACE") is not null)
                TraceChunks(run, cube, runDir, predictor);
            else
                InferenceService.RunAll(runDir, cube, predictor);
            note = FormattableString.Invariant($"{(double)landPixels * run.Period.Days / sw.Elapsed.TotalSeconds / 1e6:F2} M land pixel-days/s through the whole stage; {DirectoryMiB(Path.Combine(runDir, "chunks")):F0} MiB of chunk files");
        }
        else
            (note, earlierPeak) = Publish(runDir, work, sw);
        var seconds = sw.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant($"{seconds:F3}\t{Math.Max(PeakMiB(), earlierPeak):F1}\t{before:F1}\t{note}"));
        return 0;
    }

    /// <summary>
    /// Publishes the run in <paramref name="runDir"/> into <paramref name="outDir"/>/products (assembly, checks, swap); returns the
    /// note (each step's time and peak) and the highest of the steps' peaks (each read and reset at its step).
    /// </summary>
    private static (string Note, double Peak) Publish(string runDir, string outDir, Stopwatch sw)
    {
        var earlierPeak = 0.0;
        using var timeline = Environment.GetEnvironmentVariable("TAMRL_BENCH_TRACE") is not null ? RssTimeline.Start(sw) : null;
        var stepTimes = new Dictionary<PublishStep, double>();
        var stepPeaks = new Dictionary<PublishStep, double>();
        ProductPublisher.Publish(runDir, outDir, new PublishOptions
        {
            Checks = CheckOptions.Default with { TotalBounds = new Dictionary<string, (double, double)>() },
            OnStep = s =>
            {
                timeline?.Mark(s.ToString());
                stepTimes[s] = sw.Elapsed.TotalSeconds;
                stepPeaks[s] = PeakMiB(); // each step's own peak: reset after reading
                earlierPeak = Math.Max(earlierPeak, stepPeaks[s]);
                ResetPeak();
            },
        });
        return (FormattableString.Invariant($"assemble {stepTimes[PublishStep.Assembled]:F1} s / {stepPeaks[PublishStep.Assembled]:F0} MiB, checks {stepTimes[PublishStep.Checked] - stepTimes[PublishStep.Assembled]:F1} s / {stepPeaks[PublishStep.Checked]:F0} MiB, move+swap+manifest {stepTimes[PublishStep.ManifestWritten] - stepTimes[PublishStep.Checked]:F1} s; {DirectoryMiB(Path.Combine(outDir, "products", ".versions")):F0} MiB of products"), earlierPeak);
    }

    /// <summary>The test predictor's run (under WORK/runs).</summary>
    public const string TestRunId = "bench";

    /// <summary>A stage of the model year (<see cref="ProductsModelYear"/>), in this fresh process; prints what <see cref="RunStage"/> prints.</summary>
    private static int RunModelStage(string verb, string work)
    {
        var runDir = ProductsModelYear.RunDir(work);
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var before = RssMiB();
        ResetPeak();
        var sw = Stopwatch.StartNew();
        var (note, peak) = verb == "infer" ? (ProductsModelYear.Infer(work, sw), 0.0) : Publish(runDir, ProductsModelYear.OutDir(work), sw);
        Console.WriteLine(FormattableString.Invariant($"{sw.Elapsed.TotalSeconds:F3}\t{Math.Max(PeakMiB(), peak):F1}\t{before:F1}\t{note}"));
        return 0;
    }

    /// <summary>TAMRL_BENCH_TRACE: each chunk's own peak RSS and the managed heap at that peak, on stderr (to find what grows).</summary>
    private static void TraceChunks(RunDescription run, NetCdfDriverCube cube, string runDir, LightUseEfficiencyTestPredictor predictor)
    {
        using var land = LandFraction.OpenRun(runDir, run.Grid.ToGrid());
        var plan = InferenceService.PlanOf(run, land);
        foreach (var c in plan.Chunks)
        {
            ResetPeak();
            var (peakRss, managedAtPeak) = (0.0, 0.0);
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var rss = RssMiB();
                    if (rss > peakRss)
                        (peakRss, managedAtPeak) = (rss, GC.GetTotalMemory(false) / 1048576.0);
                    Thread.Sleep(2);
                }
            });
            var sw = Stopwatch.StartNew();
            InferenceService.RunChunk(runDir, c.Id, cube, predictor);
            stop.Cancel();
            sampler.Wait();
            var info = GC.GetGCMemoryInfo();
            Console.Error.WriteLine(FormattableString.Invariant(
                $"chunk {c.Id} {c.Rows}x{c.Columns} land {c.LandPixels}: {sw.Elapsed.TotalSeconds:F2} s, VmHWM {PeakMiB():F0}, sampled peak RSS {peakRss:F0} with managed {managedAtPeak:F0}; after: RSS {RssMiB():F0}, GC committed {info.TotalCommittedBytes / 1048576.0:F0}"));
        }
    }

    private static double RssMiB() => MiB(ProcessMemory.RssKiB());

    private static void ResetPeak() => ProcessMemory.ResetPeak();

    private static double PeakMiB() => MiB(ProcessMemory.PeakKiB());

    private static double MiB(long kib) => kib < 0 ? double.NaN : kib / 1024.0;

    internal static double DirectoryMiB(string path) =>
        Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) / 1048576.0;

    /// <summary>TAMRL_BENCH_TRACE: each new high of RSS (by 4 MiB or more) on stderr, with the time and the managed heap then.</summary>
    private sealed class RssTimeline : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _task;

        private RssTimeline(Stopwatch sw)
        {
            _task = Task.Run(() =>
            {
                var high = 0.0;
                while (!_stop.IsCancellationRequested)
                {
                    var rss = RssMiB();
                    if (rss > high + 4)
                    {
                        high = rss;
                        var gc = GC.GetGCMemoryInfo();
                        Console.Error.WriteLine(FormattableString.Invariant($"{sw.Elapsed.TotalSeconds,8:F2} s: RSS {rss:F0} MiB, managed {GC.GetTotalMemory(false) / 1048576.0:F0} MiB, GC committed {gc.TotalCommittedBytes / 1048576.0:F0} MiB (gen0 {gc.GenerationInfo[0].SizeAfterBytes / 1048576.0:F0}, gen1 {gc.GenerationInfo[1].SizeAfterBytes / 1048576.0:F0}, gen2 {gc.GenerationInfo[2].SizeAfterBytes / 1048576.0:F0}, LOH {gc.GenerationInfo[3].SizeAfterBytes / 1048576.0:F0}, fragmented {gc.FragmentedBytes / 1048576.0:F0})"));
                    }
                    Thread.Sleep(5);
                }
            });
        }

        public static RssTimeline Start(Stopwatch sw) => new(sw);

        public void Mark(string what) => Console.Error.WriteLine($"--- {what}");

        public void Dispose()
        {
            _stop.Cancel();
            _task.Wait();
        }
    }
}
