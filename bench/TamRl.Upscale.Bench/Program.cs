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
            case "products":
            {
                var budgetIndex = Array.IndexOf(args, "--budget");
                var budget = budgetIndex >= 0 && budgetIndex + 1 < args.Length ? args[budgetIndex + 1] : "256MiB";
                var resIndex = Array.IndexOf(args, "--res");
                double[] resolutions = resIndex >= 0 && resIndex + 1 < args.Length
                    ? args[resIndex + 1].Split(',').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToArray()
                    : [2, 1, 0.5];
                Console.WriteLine(ProductsBenchmark.RunAll(Path.Combine(work, "products"), resolutions, budget));
                return 0;
            }
            case "products-one":
            {
                var budgetIndex = Array.IndexOf(args, "--budget");
                return ProductsBenchmark.RunOne(double.Parse(args[1], CultureInfo.InvariantCulture), work, args[budgetIndex + 1]);
            }
            default:
                Console.Error.WriteLine($"unknown suite '{suite}'; known: io, products");
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
