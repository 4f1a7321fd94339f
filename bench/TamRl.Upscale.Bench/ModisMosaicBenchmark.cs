using System.Diagnostics;
using System.Globalization;
using System.Text;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Ingest.Modis;
using TamRl.Upscale.Ingest.Modis.Catalogue;
using TamRl.Upscale.IO.Gdal;

namespace TamRl.Upscale.Bench;

/// <summary>
/// MODIS tiles as distributed (HDF4-EOS, sinusoidal 500 m) mosaicked and reprojected onto a 0.05-degree
/// grid by ingest (<see cref="ModisMosaic"/>: read, QA, gdalwarp's average through GDALWarp, pixel counts),
/// against <c>gdalwarp -r average</c> on the same SDS in the same run (without QA: gdalwarp has none).
/// Both sides produce the same block of the global 0.05-degree grid (the cells the tiles reach, gdalwarp's
/// -te), single-threaded. Each side runs in its own process under /usr/bin/time, so wall time, CPU time and
/// peak RSS are measured the same way for both; ours also reports its time inside the process (after the
/// .NET runtime and GDAL's driver registration), to be set against gdalwarp's minus a bare
/// <c>gdalwarp --version</c> (exec and driver registration). An 8-tile row gives gdalwarp the same 8 inputs
/// in one run (distinct copies of a file); a last row shows ours writing a global map instead of the block.
/// </summary>
public static class ModisMosaicBenchmark
{
    public const string ChildVerb = "modis-child";
    private const int Repeats = 5; // best of five on each side, the sides alternating: the machine is shared

    private sealed record Case(string Name, string Product, string Feature, string Sds, string NoData, string File, int Tiles = 1, bool Global = false, bool NoQa = false);

    public static string Run(string tilesDir)
    {
        string Tile(string name) => Path.Combine(tilesDir, name);
        var lai = Tile("MODIStsp_MCD15A2H.A2016201.h18v05.006.2016215124658.hdf");
        var lai2 = Tile("MODIStsp_MCD15A2H.A2016209.h18v05.006.2016223051044.hdf");
        var albedo = Tile("MODIStsp_MCD43A3.A2017199.h15v07.006.2017208032853.hdf");
        var cases = new List<Case>
        {
            new("MCD15A2H Lai_500m h18v05 2016-07-19", "MCD15A2H", "lai", "MOD_Grid_MOD15A2H:Lai_500m", "255", lai),
            new("MCD15A2H Fpar_500m h18v05 2016-07-27", "MCD15A2H", "fpar", "MOD_Grid_MOD15A2H:Fpar_500m", "255", lai2),
            new("MCD43A3 Albedo_WSA_shortwave h15v07", "MCD43A3", "albedo_wsa_shortwave", "MOD_Grid_BRDF:Albedo_WSA_shortwave", "32767", albedo),
            new("MCD15A2H Lai_500m h18v05, 8 copies of the file as 8 tiles", "MCD15A2H", "lai", "MOD_Grid_MOD15A2H:Lai_500m", "255", lai, Tiles: 8),
            new("MCD15A2H Lai_500m h18v05, 8 tiles, ours without the QA (gdalwarp's work only)", "MCD15A2H", "lai", "MOD_Grid_MOD15A2H:Lai_500m", "255", lai, Tiles: 8, NoQa: true),
            new("MCD15A2H Lai_500m h18v05, ours onto the global map", "MCD15A2H", "lai", "MOD_Grid_MOD15A2H:Lai_500m", "255", lai, Global: true),
        };
        var start = Enumerable.Range(0, Repeats).Select(_ => Timed("gdalwarp", ["--version"])).MinBy(r => r.Wall)!;
        var sb = new StringBuilder();
        sb.AppendLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, GDAL {GdalEnvironment.Current.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"gdalwarp --version (exec and driver registration): {start.Wall:F2} s wall, {start.Cpu:F2} s CPU; best of {Repeats} on each side, the sides alternating"));
        sb.AppendLine();
        sb.AppendLine("| case | source pixels | ours in-process (s) | ours process wall / CPU (s) | ours peak RSS (MiB) | gdalwarp process wall / CPU (s) | gdalwarp peak RSS (MiB) | ratio, process start excluded | ratio, whole processes (wall) | ratio, whole processes (CPU) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var copies = Path.Combine(Path.GetTempPath(), $"tamrl-bench-modis-{Guid.NewGuid():N}");
        Directory.CreateDirectory(copies);
        try
        {
        foreach (var c in cases)
        {
            var block = Block(c);
            // Several tiles are distinct files (copies), so neither side can reuse an open HDF4 file or its chunks.
            var files = Enumerable.Range(0, c.Tiles).Select(k => k == 0 ? c.File : CopyOf(c.File, copies, k)).ToArray();
            // Alternating, so that both sides meet the same load from the machine's other users.
            var runs = Enumerable.Range(0, Repeats).Select(_ => (Ours: Ours(c, block, files), Reference: Gdalwarp(c, block, files))).ToArray();
            var ours = runs.Select(r => r.Ours).ToArray();
            var reference = runs.Select(r => r.Reference).ToArray();
            var o = ours.MinBy(r => r.InProcess)!;
            var (wall, cpu) = (ours.Min(r => r.Process.Wall), ours.Min(r => r.Process.Cpu));
            var (gWall, gCpu) = (reference.Min(r => r.Wall), reference.Min(r => r.Cpu));
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {c.Name} | {o.Pixels:N0} | {o.InProcess:F2} | {wall:F2} / {cpu:F2} | {ours.Max(r => r.Process.PeakMiB):F0} | {gWall:F2} / {gCpu:F2} | {reference.Max(r => r.PeakMiB):F0} | {(gWall - start.Wall) / o.InProcess:F2} | {gWall / wall:F2} | {gCpu / cpu:F2} |"));
        }
        }
        finally
        {
            Directory.Delete(copies, recursive: true);
        }
        sb.AppendLine();
        sb.AppendLine("Ours includes what gdalwarp does not: decoding scale/fill/valid range, the QA bit rule, the valid-pixel counts per cell.");
        sb.AppendLine("Ratio = gdalwarp time / ours (throughput of ours relative to gdalwarp's); 'process start excluded' = (gdalwarp wall - gdalwarp --version wall) / ours in-process.");
        return sb.ToString();
    }

    private static string CopyOf(string file, string dir, int k)
    {
        var copy = Path.Combine(dir, $"{k}-{Path.GetFileName(file)}");
        if (!File.Exists(copy))
            File.Copy(file, copy);
        return copy;
    }

    // The block of 0.05-degree cells the tile reaches (west, south, east, north), as gdalwarp's -te and as ours's target grid.
    private static double[] Block(Case c)
    {
        using var sds = GdalRaster.Open($"HDF4_EOS:EOS_GRID:\"{c.File}\":{c.Sds}");
        var b = GeographicBounds.Of(sds.ProjectionWkt, sds.GeoTransform!.Value, sds.Width, sds.Height)!.Value;
        return [Math.Floor(b.West / 0.05) * 0.05, Math.Floor(b.South / 0.05) * 0.05, Math.Ceiling(b.East / 0.05) * 0.05, Math.Ceiling(b.North / 0.05) * 0.05];
    }

    private sealed record Process(double Wall, double Cpu, double PeakMiB, string Stdout);

    private sealed record Measured(double InProcess, Process Process, long Pixels);

    private static Measured Ours(Case c, double[] block, string[] files)
    {
        var target = (c.Global ? "global" : string.Join(',', block.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))) + (c.NoQa ? ":noqa" : "");
        var run = Timed("dotnet", [typeof(ModisMosaicBenchmark).Assembly.Location, ChildVerb, c.Product, c.Feature, target, .. files]);
        var f = run.Stdout.Trim().Split(' ').Select(x => x.Split('=', 2)).ToDictionary(x => x[0], x => x[1]);
        return new Measured(double.Parse(f["seconds"], CultureInfo.InvariantCulture), run, long.Parse(f["pixels"], CultureInfo.InvariantCulture));
    }

    private static Process Gdalwarp(Case c, double[] block, string[] files)
    {
        var output = Path.Combine(Path.GetTempPath(), $"tamrl-bench-modis-{Guid.NewGuid():N}.tif");
        var te = block.Select(v => v.ToString("R", CultureInfo.InvariantCulture));
        try
        {
            return Timed("gdalwarp", ["-q", "-r", "average", "-srcnodata", c.NoData, "-t_srs", "EPSG:4326", .. new[] { "-te" }.Concat(te),
                "-tr", "0.05", "0.05", "-ot", "Float32", .. files.Select(f => $"HDF4_EOS:EOS_GRID:\"{f}\":{c.Sds}"), output]);
        }
        finally
        {
            File.Delete(output);
        }
    }

    // A command under /usr/bin/time: wall and CPU (user + system) seconds, peak RSS, its stdout.
    private static Process Timed(string command, IEnumerable<string> arguments)
    {
        var psi = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-f", "TIME %e %U %S %M", command }.Concat(arguments))
            psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{command} failed ({p.ExitCode}): {stderr.Result}");
        var t = stderr.Result.Trim().Split('\n').Last(l => l.StartsWith("TIME ", StringComparison.Ordinal)).Split(' ');
        double D(int i) => double.Parse(t[i], CultureInfo.InvariantCulture);
        return new Process(D(1), D(2) + D(3), D(4) / 1024, stdout.Result);
    }

    /// <summary>
    /// The timed mosaic in a process of its own: args product feature target (west,south,east,north or
    /// "global", with ":noqa" appended to drop the layer's QA rule) files, each added as a tile. Prints seconds (in-process), peak_kib and pixels.
    /// </summary>
    public static int Child(string[] args)
    {
        var product = ModisCatalogue.Find(args[1])!;
        var layer = product.Layer(args[2])!;
        var noQa = args[3].EndsWith(":noqa", StringComparison.Ordinal); // the layer without its QA rule: only what gdalwarp does
        if (noQa)
            layer = layer with { Qa = null };
        var targetText = noQa ? args[3][..^":noqa".Length] : args[3];
        var grid = targetText == "global" ? RegularLatLonGrid.Global(0.05) : Block(targetText.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
        var files = args[4..];
        _ = GdalEnvironment.Current;
        ProcessMemory.ResetPeak();
        Trace("start");
        var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var mosaic = new ModisMosaic(grid, 0.5);
        long pixels = 0;
        float[]? buffer = null;
        Array? codes = null;
        foreach (var path in files)
        {
            var file = ModisFile.Open(path, product);
            Trace("open");
            var image = file.Read(layer, 0, buffer, codes, decodeValues: false); // as ingest reads tiles for the mosaic
            (buffer, codes) = (image.Values, image.Codes?.Codes);
            Trace($"read {Path.GetFileName(path)}");
            pixels += (long)image.Width * image.Height;
            mosaic.Add(image);
            Trace(string.Create(CultureInfo.InvariantCulture,
                $"added (so far: warp {mosaic.Spent.Warp.TotalMilliseconds:F0} ms, count {mosaic.Spent.Count.TotalMilliseconds:F0} ms, accumulate {mosaic.Spent.Accumulate.TotalMilliseconds:F0} ms)"));
        }
        var (values, _) = mosaic.Finish();
        Trace("finish");
        clock.Stop();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        if (Environment.GetEnvironmentVariable("TAMRL_BENCH_TRACE") == "1")
            Phases(product, layer, grid, files[0]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seconds={clock.Elapsed.TotalSeconds:R} cpu_seconds={cpu.TotalSeconds:R} peak_kib={ProcessMemory.PeakKiB()} pixels={pixels} cells={values.Count(v => !float.IsNaN(v))}"));
        return 0;
    }

    // The steady cost of each phase of one more tile (warm: after the timed run), best of five, on stderr.
    private static void Phases(ModisProduct product, ModisLayer layer, RegularLatLonGrid grid, string path)
    {
        var best = new Dictionary<string, double>();
        void Keep(string phase, double ms) => best[phase] = Math.Min(best.GetValueOrDefault(phase, double.MaxValue), ms);
        Array? codes = null;
        for (var i = 0; i < 5; i++)
        {
            var t = Stopwatch.GetTimestamp();
            var file = ModisFile.Open(path, product);
            Keep("open the file (identity checks)", Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            t = Stopwatch.GetTimestamp();
            var image = file.Read(layer, 0, null, codes, decodeValues: false);
            codes = image.Codes?.Codes;
            Keep("read and decode the SDS and its QA", Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            var mosaic = new ModisMosaic(grid, 0.5);
            t = Stopwatch.GetTimestamp();
            mosaic.Add(image);
            Keep("add (all)", Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            Keep("  of which the warp", mosaic.Spent.Warp.TotalMilliseconds);
            Keep("  of which the pixel counts", mosaic.Spent.Count.TotalMilliseconds);
            Keep("  of which adding to the target rows", mosaic.Spent.Accumulate.TotalMilliseconds);
        }
        foreach (var (phase, ms) in best)
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"phase {phase}: {ms:F1} ms (best of 5, warm)"));
    }

    private static RegularLatLonGrid Block(double[] wsen) =>
        new((int)Math.Round((wsen[3] - wsen[1]) / 0.05), (int)Math.Round((wsen[2] - wsen[0]) / 0.05), wsen[0], wsen[3], 0.05, 0.05);

    private static readonly Stopwatch Since = Stopwatch.StartNew();

    // TAMRL_BENCH_TRACE=1: time since the previous step, process CPU, RSS and peak after each step on stderr.
    private static void Trace(string what)
    {
        if (Environment.GetEnvironmentVariable("TAMRL_BENCH_TRACE") != "1")
            return;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: +{Since.Elapsed.TotalMilliseconds:F0} ms, cpu {System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:F0} ms (process), rss {ProcessMemory.RssKiB() / 1024} MiB, peak {ProcessMemory.PeakKiB() / 1024} MiB, managed {GC.GetTotalMemory(false) >> 20} MiB"));
        Since.Restart();
    }
}
