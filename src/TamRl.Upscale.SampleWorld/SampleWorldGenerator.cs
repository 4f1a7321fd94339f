using System.Diagnostics;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.SampleWorld.Calibration;
using TamRl.Upscale.SampleWorld.Ecosystem;
using TamRl.Upscale.SampleWorld.Geography;
using TamRl.Upscale.SampleWorld.Output;
using TamRl.Upscale.SampleWorld.Randomness;
using TamRl.Upscale.SampleWorld.Towers;
using TamRl.Upscale.SampleWorld.Weather;

namespace TamRl.Upscale.SampleWorld;

/// <summary>
/// Generates a whole sample world (docs/data-contracts.md section 1) into a staging folder beside the output
/// folder and moves it in place only when everything, manifest included, is written: a failure leaves no
/// half-written world where a user would look. Streams day by day: memory holds per-cell state and one day of
/// fields, never a time series of the grid.
/// </summary>
public static class SampleWorldGenerator
{
    /// <summary>Days run before the period so that soil water, phenology and the one-year means settle.</summary>
    public const int SpinUpDays = 365;

    public static CalibrationReport Generate(SampleWorldOptions options, TextWriter? log = null)
    {
        options.Validate();
        log ??= TextWriter.Null;
        var realData = RealData.Locate(options.RealDataDirectory);
        var target = Path.GetFullPath(options.OutputDirectory);
        var staging = CreateStaging(target);
        try
        {
            var report = GenerateInto(staging, options, realData, log);
            Manifest.Write(staging, options, report.ToManifestObject());
            MoveInPlace(staging, target);
            return report;
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
    }

    private static string CreateStaging(string target)
    {
        var parent = Path.GetDirectoryName(target) ?? throw new TamRlException($"--out: '{target}' has no parent folder");
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.staging-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(parent);
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, ".probe"), "");
            File.Delete(Path.Combine(staging, ".probe"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            throw new TamRlException($"{target}: cannot write the output folder ({e.Message})", e);
        }
        if (File.Exists(target))
        {
            TryDelete(staging);
            throw new TamRlException($"{target}: exists and is a file, not a folder");
        }
        return staging;
    }

    private static void MoveInPlace(string staging, string target)
    {
        if (Directory.Exists(target))
        {
            // Replace a previous world: move it aside first so the swap is two renames, then delete it.
            var old = target + $".old-{Guid.NewGuid():N}";
            Directory.Move(target, old);
            Directory.Move(staging, target);
            TryDelete(old);
        }
        else
            Directory.Move(staging, target);
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static CalibrationReport GenerateInto(string root, SampleWorldOptions options, string realData, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var koppen = KoppenMap.Load(realData);
        var geo = WorldGeography.Build(options, koppen, ElevationMap.Load(realData));
        Directory.CreateDirectory(Path.Combine(root, "static"));
        GeographyWriter.Write(Path.Combine(root, "static", "geography.nc"), geo, options);
        log.WriteLine($"geography: {geo.Grid.Rows} x {geo.Grid.Columns} cells, {geo.LandFraction.Count(f => f > 0)} with land ({clock.Elapsed.TotalSeconds:F1} s)");

        var weather = new WeatherGenerator(geo, options.Seed);
        var towers = options.Towers ? TowerNetwork.Load(realData, geo, options) : [];

        // Units of the process model: every land cell, then every tower (own biome, its pixel's weather).
        var landCells = Enumerable.Range(0, geo.Cells).Where(c => geo.LandFraction[c] > 0).ToArray();
        var unitCell = landCells.Concat(towers.Select(t => t.Cell)).ToArray();
        var unitIgbp = landCells.Select(c => geo.IgbpClass[c]).Concat(towers.Select(t => t.Igbp)).ToArray();
        var unitTann = unitCell.Select(weather.MeanAnnualTemperature).ToArray();
        var unitLat = landCells.Select(c => geo.Latitude[c]).Concat(towers.Select(t => t.Latitude)).ToArray();
        var unitLon = landCells.Select(c => geo.Longitude[c]).Concat(towers.Select(t => t.Longitude)).ToArray();
        var latent1 = new float[unitCell.Length];
        var latent2 = new float[unitCell.Length];
        new SmoothNoiseField(options.Seed, "latent-efficiency", 6, 0, unitLat, unitLon).Sample(latent1);
        new SmoothNoiseField(options.Seed, "latent-respiration", 9, 0, unitLat, unitLon).Sample(latent2);
        var model = new ProcessModel(unitCell, unitIgbp, unitTann, latent1, latent2);

        var day = new WeatherDay(geo.Cells);
        var first = options.FirstDay;
        var last = options.LastDay;
        var hourly = new HourlyRegion(root, geo, options);
        for (var d = first.AddDays(-SpinUpDays); d < first; d = d.AddDays(1))
        {
            weather.Next(d, day);
            model.Step(day);
        }
        hourly.RememberDayBefore(day);
        log.WriteLine($"spin-up: {SpinUpDays} days ({clock.Elapsed.TotalSeconds:F1} s)");

        var era5Layout = GridLayout.Era5(geo.Grid);
        var nativeLayout = GridLayout.Native(geo.Grid);
        Directory.CreateDirectory(Path.Combine(root, "era5", "new-cds"));
        Directory.CreateDirectory(Path.Combine(root, "era5", "legacy"));
        Directory.CreateDirectory(Path.Combine(root, "truth"));
        Directory.CreateDirectory(Path.Combine(root, "modis"));
        var gppGrid = new float[geo.Cells];
        var recoGrid = new float[geo.Cells];
        var neeGrid = new float[geo.Cells];
        Array.Fill(gppGrid, float.NaN);
        Array.Fill(recoGrid, float.NaN);
        Array.Fill(neeGrid, float.NaN);
        var budget = new GlobalBudget(geo, landCells);
        var towerRecorder = new TowerRecorder(towers, landCells.Length, first, last);

        Era5DailyWriter? era5 = null;
        TruthWriter? truth = null;
        ModisCompositor? modis = null;
        try
        {
            for (var d = first; d <= last; d = d.AddDays(1))
            {
                weather.Next(d, day);
                model.Step(day);
                if (era5 is null || d.Day == 1)
                {
                    CloseMonth(era5, root, options);
                    era5 = new Era5DailyWriter(Path.Combine(root, "era5", "new-cds", $"era5_daily_{d:yyyy-MM}.nc"), era5Layout, d.Year, d.Month, options);
                }
                if (truth is null || d.DayOfYear == 1)
                {
                    truth?.Dispose();
                    modis?.Dispose();
                    var yearLast = new DateOnly(d.Year, 12, 31) < last ? new DateOnly(d.Year, 12, 31) : last;
                    truth = new TruthWriter(Path.Combine(root, "truth", $"truth_{d.Year}.nc"), nativeLayout, d, yearLast, options);
                    modis = new ModisCompositor(Path.Combine(root, "modis", $"modis_{d.Year}.nc"), geo, d, yearLast, options);
                }
                era5.Write(day);
                for (var u = 0; u < landCells.Length; u++)
                {
                    var c = landCells[u];
                    gppGrid[c] = model.Gpp[u];
                    recoGrid[c] = model.Reco[u];
                    neeGrid[c] = model.Nee[u];
                }
                truth.Write(d, gppGrid, recoGrid, neeGrid);
                modis!.Add(day, model, landCells);
                hourly.Write(day);
                budget.Add(model);
                towerRecorder.Add(d, day, model);
            }
        }
        catch
        {
            era5?.Dispose(); // close before the staging folder is removed
            throw;
        }
        finally
        {
            truth?.Dispose();
            modis?.Dispose();
            hourly.Dispose();
        }
        CloseMonth(era5, root, options);
        log.WriteLine($"weather, truth, MODIS: {options.Days} days ({clock.Elapsed.TotalSeconds:F1} s)");

        var towerSummary = options.Towers ? TowerWriter.WriteAll(Path.Combine(root, "towers"), towers, towerRecorder, options) : [];
        log.WriteLine($"towers: {towers.Count} sites ({clock.Elapsed.TotalSeconds:F1} s)");
        log.WriteLine($"memory: managed heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:F0} MiB, working set {Environment.WorkingSet / 1048576.0:F0} MiB now, " +
                      $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB at its peak");
        return CalibrationReport.Build(budget, towerSummary, towers, towerRecorder, realData);
    }

    private static void CloseMonth(Era5DailyWriter? era5, string root, SampleWorldOptions options)
    {
        if (era5 is null)
            return;
        era5.Dispose();
        var name = Path.GetFileName(era5.Path).Replace("era5_daily_", "era5_legacy_");
        Era5LegacyPacker.Pack(era5.Path, era5.Ranges, Path.Combine(root, "era5", "legacy", name), options);
    }
}
