using System.Globalization;
using System.Text;

namespace TamRl.Upscale.Bench;

/// <summary>
/// Runs the benchmarks and prints one markdown table: our time, the reference tool's time on the same
/// data in the same run, and their ratio (reference / ours; 1.0 = as fast as the reference).
/// Usage: <c>bench/run.sh [io] [--work DIR]</c>.
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
            case "model":
                // Its figures are rates, not a comparison with a reference tool: printed as lines.
                var device = TamRl.Upscale.Model.Runtime.TorchRuntime.ResolveDevice(Option(args, "--device") ?? "auto");
                var pixels = int.Parse(Option(args, "--pixels") ?? "1024", System.Globalization.CultureInfo.InvariantCulture);
                var batches = (Option(args, "--batch") ?? "16").Split(',').Select(b => int.Parse(b, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                foreach (var line in ModelBenchmark.Run(new ModelBenchmark.Settings(Pixels: pixels, BatchSizes: batches, Train: !args.Contains("--no-train")), device))
                    Console.WriteLine("- " + line);
                return 0;
            default:
                Console.Error.WriteLine($"unknown suite '{suite}'; known: io, model");
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
