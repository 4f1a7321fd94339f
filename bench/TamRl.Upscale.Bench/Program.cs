using System.Globalization;
using System.Text;

namespace TamRl.Upscale.Bench;

/// <summary>
/// Runs the benchmarks and prints one markdown table: our time, the reference tool's time on the same
/// data in the same run, and their ratio (reference / ours; 1.0 = as fast as the reference).
/// Usage: <c>bench/run.sh [io|ingest] [--work DIR]</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
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
            case "ingest":
                rows.AddRange(IngestDailyMeanBenchmark.Run(Path.Combine(work, "ingest")));
                rows.AddRange(DriverCubeChunkingBenchmark.Run(Path.Combine(work, "cube")));
                break;
            case "cube":
                rows.AddRange(DriverCubeChunkingBenchmark.Run(Path.Combine(work, "cube")));
                break;
            case "sites":
                Console.WriteLine(SiteExtractionBenchmark.Table(SiteExtractionBenchmark.Run(Path.Combine(work, "sites"))));
                return 0;
            case "sites-child": // internal: the timed extraction in its own process (peak memory of its own)
                return SiteExtractionBenchmark.Child(work, args[1]);
            default:
                Console.Error.WriteLine($"unknown suite '{suite}'; known: io, ingest, cube, sites");
                return 1;
        }

        Console.WriteLine(Table(rows));
        return 0;
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
