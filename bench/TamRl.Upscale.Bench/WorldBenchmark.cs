using System.Diagnostics;
using System.Globalization;
using System.Text;
using TamRl.Upscale.SampleWorld;

namespace TamRl.Upscale.Bench;

/// <summary>
/// Suite <c>world</c>: generating the sample world at 2, 1, 0.5 and 0.25 degrees (global, three months, seed 42,
/// default band size), each in a child process of this program so that its peak RSS (VmHWM) is its own. There is
/// no reference tool for a world generator; what the table shows is how wall time and memory scale with the grid
/// (generation streams in latitude bands, so peak memory should stay flat once a grid has more than one band).
/// </summary>
public static class WorldBenchmark
{
    public const string ChildVerb = "world-child";

    public static string Run(string workDir, string realData)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        sb.AppendLine();
        sb.AppendLine("| resolution | cells | bands | period | wall (s) | peak RSS (MiB) | output (MiB) |");
        sb.AppendLine("|---:|---:|---:|---|---:|---:|---:|");
        foreach (var resolution in new[] { 2.0, 1.0, 0.5, 0.25 })
        {
            var outDir = Path.Combine(workDir, $"world-{resolution.ToString(CultureInfo.InvariantCulture)}");
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { typeof(WorldBenchmark).Assembly.Location, ChildVerb, resolution.ToString(CultureInfo.InvariantCulture), outDir, realData })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var line = p.StandardOutput.ReadToEnd().Trim().Split('\n')[^1];
            p.WaitForExit();
            var parts = line.Split(' ');
            var bytes = Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            var cells = (int)(360 / resolution) * (int)(180 / resolution);
            var bands = new TamRl.Upscale.SampleWorld.Streaming.BandPlan(
                new TamRl.Upscale.Core.Grid.RegularLatLonGrid((int)(180 / resolution), (int)(360 / resolution), -180, 90, resolution, resolution),
                TamRl.Upscale.SampleWorld.Streaming.BandPlan.DefaultBandCells).Bands.Count;
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {resolution} | {cells} | {bands} | 2019-01..2019-03 | {double.Parse(parts[0], CultureInfo.InvariantCulture):F1} | {long.Parse(parts[1], CultureInfo.InvariantCulture) / 1024.0:F0} | {bytes / 1048576.0:F0} |"));
            Directory.Delete(outDir, recursive: true);
        }
        return sb.ToString();
    }

    /// <summary>The child: generates one world, prints "seconds peakKiB".</summary>
    public static int Child(string[] args)
    {
        var clock = Stopwatch.StartNew();
        SampleWorldGenerator.Generate(new SampleWorldOptions
        {
            OutputDirectory = args[2], Resolution = double.Parse(args[1], CultureInfo.InvariantCulture),
            StartYear = 2019, StartMonth = 1, EndYear = 2019, EndMonth = 3, Seed = 42, RealDataDirectory = args[3],
        });
        var kib = ProcessMemory.PeakKiB();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F2} {kib}"));
        return 0;
    }
}
