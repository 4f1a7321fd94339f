using System.Diagnostics;
using System.Globalization;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.Sites.Stage;
using TamRl.Upscale.Sites.Windows;

namespace TamRl.Upscale.Bench;

/// <summary>
/// Suite <c>sites</c>: extraction of 300 tower series from a year of a global 0.5 degree driver cube.
/// The cube (10 features x 365 days x 360 x 720, written by Ingest's own <see cref="DriverMonthWriter"/>,
/// smooth fields so that compression behaves like real drivers) and 300 synthetic tower files at seeded
/// random land-like positions are built once in the work folder. The extraction then runs in a child
/// process, so that its peak memory (VmHWM) is its own and not the cube writer's; every measurement runs
/// twice and both runs are reported. Three figures per run: the driver read as the stage does it
/// (<see cref="DriverCubeSiteSource"/>, month by month), the same read through one
/// <see cref="DriverCubeReader"/> over the whole year (Ingest's reader as it is), and the whole stage
/// (tower CSVs, drivers, training.nc, splits, manifest).
/// </summary>
public static class SiteExtractionBenchmark
{
    public const int Towers = 300;
    private const int Year = 2019;
    private static readonly RegularLatLonGrid Grid = RegularLatLonGrid.Global(0.5);

    public sealed record Row(string Name, double Seconds, double PeakMiB, string Note);

    public static IReadOnlyList<Row> Run(string workDir)
    {
        Directory.CreateDirectory(workDir);
        var cube = Path.Combine(workDir, "drivers");
        var build = Stopwatch.StartNew();
        var built = EnsureCube(cube);
        var buildSeconds = build.Elapsed.TotalSeconds;
        var table = WriteTowers(Path.Combine(workDir, "towers"));
        var cubeMiB = Directory.GetFiles(cube).Sum(f => new FileInfo(f).Length) / 1048576.0;

        var rows = new List<Row>();
        if (built)
            rows.Add(new Row($"build cube 10x365x360x720 f32 (ingest writer)", buildSeconds, double.NaN, $"{cubeMiB:F0} MiB on disk; not part of the extraction"));
        // Each measurement in its own process, so each peak (VmHWM) is its own; two rounds, alternating nothing
        // but repeated, since the machine is shared.
        for (var run = 1; run <= 2; run++)
        {
            var source = RunChild(workDir, "source");
            rows.Add(new Row($"read {Towers} pixel series, 1 year x 10 features, month by month (run {run})", source.Seconds, source.PeakMiB,
                "DriverCubeSiteSource (what the stage uses): a reader per month"));
            var whole = RunChild(workDir, "reader");
            rows.Add(new Row($"read {Towers} pixel series, 1 year x 10 features, one reader (run {run})", whole.Seconds, whole.PeakMiB,
                "Ingest's DriverCubeReader.ReadPixelSeries over the year: month files stay open"));
            var stage = RunChild(workDir, "stage");
            rows.Add(new Row($"extract-sites stage, {Towers} towers x 365 days (run {run})", stage.Seconds, stage.PeakMiB,
                "CSV read + drivers + training.nc + splits + manifest"));
        }
        return rows;
    }

    /// <summary>The child process: one timed measurement, printing "seconds=S peak_kib=K".</summary>
    public static int Child(string workDir, string what)
    {
        var cube = Path.Combine(workDir, "drivers");
        var table = Path.Combine(workDir, "towers", "sites.csv");
        var first = new DateOnly(Year, 1, 1);
        var last = new DateOnly(Year, 12, 31);
        var clock = Stopwatch.StartNew();
        switch (what)
        {
            case "stage":
                ExtractSitesStage.Run(new ExtractSitesRequest(table, cube, Path.Combine(workDir, "out", "sites"), 42, new SiteExtractionOptions()));
                break;
            case "source":
            {
                var towers = TamRl.Upscale.Sites.Fluxnet.SiteTable.Read(table);
                using var source = new DriverCubeSiteSource(cube);
                var pixels = towers.Select(t => source.TryLocate(t, out var r, out var c) ? (r, c) : throw new InvalidOperationException(t.Id)).ToArray();
                Check(source.ReadSeries(pixels, first, last).Length);
                break;
            }
            case "reader":
            {
                var towers = TamRl.Upscale.Sites.Fluxnet.SiteTable.Read(table);
                using var reader = DriverCubeReader.Open(cube);
                var pixels = towers.Select(t => reader.TryLocate(t.Latitude, t.Longitude, out var r, out var c) ? (r, c) : throw new InvalidOperationException(t.Id)).ToArray();
                Check(reader.ReadPixelSeries(pixels, first, last).Values.Length);
                break;
            }
            default:
                throw new ArgumentException($"unknown measurement '{what}'");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds={clock.Elapsed.TotalSeconds:F3} peak_kib={PeakKiB()}"));
        return 0;
    }

    private static void Check(int length)
    {
        if (length != Towers * 365 * DriverFeatures.Names.Count)
            throw new InvalidOperationException($"wrong series size {length}");
    }

    private static (double Seconds, double PeakMiB) RunChild(string workDir, string what)
    {
        var self = typeof(SiteExtractionBenchmark).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { self, "sites-child", what, "--work", workDir })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"benchmark child '{what}' failed ({p.ExitCode}): {stderr.Result}");
        var fields = stdout.Result.Trim().Split(' ').Select(f => f.Split('=')).ToDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture));
        return (fields["seconds"], fields["peak_kib"] / 1024);
    }

    private static long PeakKiB() => ProcessMemory.PeakKiB();

    /// <summary>Writes the cube unless a complete one is there already (a marker file is written last). True when written.</summary>
    private static bool EnsureCube(string dir)
    {
        var marker = Path.Combine(dir, ".complete");
        if (File.Exists(marker))
            return false;
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        var n = Grid.Rows * Grid.Columns;
        DriverCubeWriter.WriteStatic(Path.Combine(dir, DriverCubeLayout.StaticFileName), Grid,
            new StaticFields(Enumerable.Repeat(1f, n).ToArray(), new float[n], new int[n], new int[n]));
        var map = new float[n];
        for (var m = 1; m <= 12; m++)
        {
            var month = new CubeMonth(Year, m);
            using var writer = DriverMonthWriter.Create(Path.Combine(dir, DriverCubeLayout.MonthFileName(month)), Grid, month);
            for (var f = 0; f < DriverFeatures.All.Count; f++)
                for (var day = month.FirstDay; day <= month.LastDay; day = day.AddDays(1))
                {
                    var season = Math.Cos(2 * Math.PI * (day.DayOfYear - 200) / 365.0);
                    for (var r = 0; r < Grid.Rows; r++)
                    {
                        var lat = Grid.LatitudeOfRow(r) * Math.PI / 180;
                        for (var c = 0; c < Grid.Columns; c++)
                            map[r * Grid.Columns + c] = (float)(f * 10 + 15 * Math.Cos(lat) + 10 * season * Math.Sin(lat) + Math.Sin(c * 0.05 + f));
                    }
                    writer.WriteDay(DriverFeatures.All[f].Name, day, map);
                }
            writer.Complete();
        }
        File.WriteAllText(marker, DateTime.UtcNow.ToString("O"));
        return true;
    }

    /// <summary>300 FLUXNET2015-style daily files of {Year} at seeded random positions, and sites.csv.</summary>
    private static string WriteTowers(string dir)
    {
        Directory.CreateDirectory(dir);
        var rng = new Random(20191);
        var header = "TIMESTAMP,TA_F,GPP_NT_VUT_USTAR50,RECO_NT_VUT_USTAR50,NEE_VUT_USTAR50,NEE_VUT_USTAR50_QC";
        var rows = new List<string> { "site_id,lat,lon,igbp,koppen,network,file" };
        var igbp = new[] { "ENF", "EBF", "DBF", "MF", "GRA", "CRO", "SAV", "WET", "OSH" };
        var koppen = new[] { "Af", "BSk", "Cfa", "Cfb", "Csa", "Dfb", "Dfc", "ET" };
        for (var i = 0; i < Towers; i++)
        {
            var id = $"XX-{i:D3}";
            var name = $"FLX_{id}_FLUXNET2015_FULLSET_DD_{Year}-{Year}_1-4.csv";
            var lines = new List<string>(366) { header };
            for (var d = new DateOnly(Year, 1, 1); d.Year == Year; d = d.AddDays(1))
            {
                var gpp = 5 + 4 * Math.Sin(2 * Math.PI * d.DayOfYear / 365.0) + rng.NextDouble();
                var reco = 3 + rng.NextDouble();
                var qc = rng.NextDouble() < 0.1 ? "-9999" : (rng.Next(5) / 4.0).ToString(CultureInfo.InvariantCulture);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{d:yyyyMMdd},12.5,{gpp:F4},{reco:F4},{reco - gpp:F4},{qc}"));
            }
            File.WriteAllLines(Path.Combine(dir, name), lines);
            var lat = -55 + rng.NextDouble() * 125;
            var lon = -180 + rng.NextDouble() * 360;
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{id},{lat:F4},{lon:F4},{igbp[i % igbp.Length]},{koppen[i % koppen.Length]},FLUXNET2015,{name}"));
        }
        var table = Path.Combine(dir, "sites.csv");
        File.WriteAllLines(table, rows);
        return table;
    }

    public static string Table(IEnumerable<Row> rows)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine();
        sb.AppendLine("| benchmark | wall (s) | peak memory (MiB) | note |");
        sb.AppendLine("|---|---:|---:|---|");
        foreach (var r in rows)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Seconds:F2} | {(double.IsNaN(r.PeakMiB) ? "" : r.PeakMiB.ToString("F0", CultureInfo.InvariantCulture))} | {r.Note} |"));
        return sb.ToString();
    }
}
