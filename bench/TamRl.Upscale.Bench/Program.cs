using System.Globalization;
using System.Text;

namespace TamRl.Upscale.Bench;

/// <summary>
/// Runs the benchmarks and prints one markdown table: our time, the reference tool's time on the same
/// data in the same run, and their ratio (reference / ours; 1.0 = as fast as the reference).
/// Usage: <c>bench/run.sh SUITE [--work DIR]</c>; the suites are the cases below.
/// </summary>
public static class Program
{
    private static readonly string[] Suites = ["io", "world", "ingest", "sites", "model", "products", "jobs", "modis"];

    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == WorldBenchmark.ChildVerb)
            return WorldBenchmark.Child(args);
        if (args.Length > 0 && args[0] == ModisMosaicBenchmark.ChildVerb)
            return ModisMosaicBenchmark.Child(args);
        var suite = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "io";
        var workIndex = Array.IndexOf(args, "--work");
        var work = workIndex >= 0 && workIndex + 1 < args.Length ? args[workIndex + 1] : Path.Combine(Path.GetTempPath(), "tamrl-bench");

        var rows = new List<BenchRow>();
        switch (suite)
        {
            case "io":
                rows.AddRange(NetCdfCopyBenchmark.Run(Path.Combine(work, "netcdf")));
                rows.Add(CogWriteBenchmark.Run(Path.Combine(work, "cog")));
                break;
            case "budget-floor":
            {
                // What a model exact in everything but the latent field could reach (issue 19); reads a world folder.
                var worldIndex = Array.IndexOf(args, "--world");
                var yearIndex = Array.IndexOf(args, "--year");
                var worldDir = worldIndex >= 0 && worldIndex + 1 < args.Length ? args[worldIndex + 1] : Path.Combine("bench", "out", "demo", "world");
                int? year = yearIndex >= 0 && yearIndex + 1 < args.Length ? int.Parse(args[yearIndex + 1], CultureInfo.InvariantCulture) : null;
                Console.WriteLine(LatentFloorBenchmark.Run(worldDir, year));
                return 0;
            }
            case "world":
                Console.WriteLine(WorldBenchmark.Run(Path.Combine(work, "world"), Path.Combine(AppContext.BaseDirectory, "..", "..", "data", "real")));
                return 0;
            case "ingest":
                rows.AddRange(IngestDailyMeanBenchmark.Run(Path.Combine(work, "ingest")));
                rows.AddRange(DriverCubeChunkingBenchmark.Run(Path.Combine(work, "cube")));
                break;
            case "modis":
                // The real tiles are larger than what the repository keeps (data/real): read from --tiles or the shared copy.
                Console.WriteLine(ModisMosaicBenchmark.Run(Option(args, "--tiles") ?? "/work/shared/data/real/modis/modistsp"));
                return 0;
            case "cube":
                rows.AddRange(DriverCubeChunkingBenchmark.Run(Path.Combine(work, "cube")));
                break;
            case "sites":
                Console.WriteLine(SiteExtractionBenchmark.Table(SiteExtractionBenchmark.Run(Path.Combine(work, "sites"))));
                return 0;
            case "sites-child": // internal: the timed extraction in its own process (peak memory of its own)
                return SiteExtractionBenchmark.Child(work, args[1]);
            case "jobs":
                var pg = Environment.GetEnvironmentVariable("TAMRL_POSTGRES")
                         ?? throw new InvalidOperationException("suite jobs needs TAMRL_POSTGRES (bench/run.sh sets it from scripts/setup-postgres.sh)");
                rows.AddRange(JobsThroughputBenchmark.Run(Path.Combine(work, "jobs"), pg));
                break;
            case "model":
                // Its figures are rates, not a comparison with a reference tool: printed as lines.
                var device = TamRl.Upscale.Model.Runtime.TorchRuntime.ResolveDevice(Option(args, "--device") ?? "auto");
                var pixels = int.Parse(Option(args, "--pixels") ?? "1024", System.Globalization.CultureInfo.InvariantCulture);
                var batches = (Option(args, "--batch") ?? "16").Split(',').Select(b => int.Parse(b, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                var settings = new ModelBenchmark.Settings(Pixels: pixels, BatchSizes: batches, Train: !args.Contains("--no-train"),
                    Members: int.Parse(Option(args, "--members") ?? "10", System.Globalization.CultureInfo.InvariantCulture),
                    EnsemblePixels: int.Parse(Option(args, "--ensemble-pixels") ?? "64", System.Globalization.CultureInfo.InvariantCulture),
                    WarmupDays: int.Parse(Option(args, "--warmup") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
                    EnginesOnly: args.Contains("--engines-only"), Engines: !args.Contains("--no-engines"),
                    Repeats: int.Parse(Option(args, "--repeats") ?? "5", System.Globalization.CultureInfo.InvariantCulture));
                foreach (var line in ModelBenchmark.Run(settings, device))
                    Console.WriteLine("- " + line);
                return 0;
            case "products":
            {
                var budgetIndex = Array.IndexOf(args, "--budget");
                var budget = budgetIndex >= 0 && budgetIndex + 1 < args.Length ? args[budgetIndex + 1] : "256MiB";
                var resIndex = Array.IndexOf(args, "--res");
                double[] resolutions = resIndex >= 0 && resIndex + 1 < args.Length
                    ? args[resIndex + 1].Split(',').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToArray()
                    : [2, 1, 0.5];
                // --model-year: the whole period with the product ensemble (10 members unless --members says otherwise) through ONNX Runtime, published.
                var year = args.Contains("--model-year");
                var model = new ProductsBenchmark.RealModel(
                    Members: int.Parse(Option(args, "--members") ?? (year ? "10" : "2"), CultureInfo.InvariantCulture),
                    Chunks: int.Parse(Option(args, "--model-chunks") ?? "1", CultureInfo.InvariantCulture),
                    Budget: Option(args, "--model-budget") ?? "16MiB",
                    Resolution: Option(args, "--model-res") is { } mr ? double.Parse(mr, CultureInfo.InvariantCulture) : null,
                    Year: year, SkipTestPredictor: args.Contains("--no-test-predictor"));
                Console.WriteLine(ProductsBenchmark.RunAll(Path.Combine(work, "products"), resolutions, budget, model, Option(args, "--period") ?? "2021",
                    Option(args, "--land") ?? "synthetic"));
                return 0;
            }
            case "products-stage": // internal: one products stage of a prepared folder, in its own process
                return ProductsBenchmark.RunStage(args[1], work, Option(args, "--run") ?? ProductsBenchmark.TestRunId);
            case "products-one":
            {
                var budgetIndex = Array.IndexOf(args, "--budget");
                return ProductsBenchmark.RunOne(double.Parse(args[1], CultureInfo.InvariantCulture), work, args[budgetIndex + 1],
                    new ProductsBenchmark.RealModel(int.Parse(Option(args, "--model-members") ?? "0", CultureInfo.InvariantCulture),
                        int.Parse(Option(args, "--model-chunks") ?? "1", CultureInfo.InvariantCulture), Option(args, "--model-budget") ?? "16MiB",
                        Year: args.Contains("--model-year"), SkipTestPredictor: args.Contains("--no-test-predictor")),
                    Option(args, "--period") ?? "2021", Option(args, "--land") ?? "synthetic");
            }
            default:
                Console.Error.WriteLine($"unknown suite '{suite}'; known: {string.Join(", ", Suites)}");
                return 1;
        }

        Console.WriteLine(Table(rows));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static string Table(IEnumerable<BenchRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine();
        sb.AppendLine("| benchmark | ours (s) | reference | reference (s) | ratio ref/ours | note |");
        sb.AppendLine("|---|---:|---|---:|---:|---|");
        foreach (var r in rows)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.OursSeconds:F2} | {r.ReferenceTool} | {r.ReferenceSeconds:F2} | {r.SpeedRatio:F2} | {r.Note} |"));
        return sb.ToString();
    }
}
