using TamRl.Upscale.IO.Geography;
using System.Diagnostics;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.SampleWorld.Calibration;
using TamRl.Upscale.SampleWorld.Ecosystem;
using TamRl.Upscale.SampleWorld.Geography;
using TamRl.Upscale.SampleWorld.Output;
using TamRl.Upscale.SampleWorld.Randomness;
using TamRl.Upscale.SampleWorld.Streaming;
using TamRl.Upscale.SampleWorld.Towers;
using TamRl.Upscale.SampleWorld.Weather;

namespace TamRl.Upscale.SampleWorld;

/// <summary>
/// Generates a whole sample world (docs/data-contracts.md section 1) into a staging folder beside the output
/// folder and moves it in place only when everything, manifest included, is written: a failure leaves no
/// half-written world where a user would look. Streams in latitude bands (<see cref="BandPlan"/>), each over the
/// whole period: memory holds per-cell state and one day of fields for one band, never the grid and never a time
/// series of it, so peak memory does not grow with the resolution. Every file is defined first and then written
/// band by band through hyperslabs of whole chunks.
/// </summary>
public static class SampleWorldGenerator
{
    /// <summary>Days run before the period so that soil water, phenology and the one-year means settle.</summary>
    public const int SpinUpDays = 365;

    public static CalibrationReport Generate(SampleWorldOptions options, TextWriter? log = null)
    {
        options.Validate();
        log ??= TextWriter.Null;
        var realData = RealDataFolder.Locate(options.RealDataDirectory);
        var target = Path.GetFullPath(options.OutputDirectory);
        var staging = CreateStaging(target);
        try
        {
            var report = GenerateInto(staging, options, realData, log);
            Manifest.Write(staging, options, report.ToManifestObject());
            IO.Files.FolderSwap.Replace(staging, target);
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
        var staging = IO.Files.FolderSwap.StagingBeside(target);
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
        var sources = GeographySources.Load(realData);
        var grid = WorldGeography.GridFor(options);
        var plan = new BandPlan(grid, options.BandCells);
        var files = new WorldFiles(root, plan, options);
        files.DefineAll();
        var towers = options.Towers ? TowerNetwork.Load(realData, sources, options) : [];
        log.WriteLine($"grid: {grid.Rows} x {grid.Columns} cells in {plan.Bands.Count} band(s) of {plan.BandRows} rows, chunks of {plan.ChunkRows} rows; " +
                      $"{towers.Count} towers ({clock.Elapsed.TotalSeconds:F1} s)");

        var budget = new GlobalBudget(grid, options.Days);
        var towerRecorder = new TowerRecorder(towers, options.FirstDay, options.LastDay);
        var ranges = new Dictionary<(int Year, int Month), VariableRanges>();
        foreach (var (rowStart, rows) in plan.Bands)
        {
            GenerateBand(WorldGeography.Build(options, sources, rowStart, rows), files, towers, budget, towerRecorder, ranges, options);
            // A band's state lives on the large-object heap, which only a full collection frees; collecting here
            // lets the next band reuse that memory instead of growing the heap band after band.
            GC.Collect();
        }
        log.WriteLine($"geography, weather, truth, MODIS: {options.Days} days ({clock.Elapsed.TotalSeconds:F1} s)");

        GenerateHourlyRegion(root, sources, options);
        log.WriteLine($"hourly region ({clock.Elapsed.TotalSeconds:F1} s)");
        foreach (var ((year, month), monthRanges) in ranges.OrderBy(r => r.Key))
            Era5LegacyPacker.Pack(files.Era5Daily(year, month), monthRanges.Ranges, files.Era5Legacy(year, month), plan, options);
        log.WriteLine($"legacy ERA5 ({clock.Elapsed.TotalSeconds:F1} s)");

        var towerSummary = options.Towers ? TowerWriter.WriteAll(Path.Combine(root, "towers"), towers, towerRecorder, options) : [];
        if (options.Towers)
            TowerTruthWriter.Write(Path.Combine(root, "truth", TowerTruthWriter.FileName), towers, towerRecorder);
        log.WriteLine($"towers: {towers.Count} sites ({clock.Elapsed.TotalSeconds:F1} s)");
        log.WriteLine($"memory: managed heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:F0} MiB, working set {Environment.WorkingSet / 1048576.0:F0} MiB now, " +
                      $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB at its peak");
        return CalibrationReport.Build(budget, towerSummary, towers, towerRecorder, realData);
    }

    /// <summary>
    /// One latitude band over the whole period (spin-up included): its geography, weather and process model (its
    /// land cells, then the towers whose pixel lies in it), written into every file's rows of the band.
    /// </summary>
    private static void GenerateBand(WorldGeography geo, WorldFiles files, IReadOnlyList<Tower> towers, GlobalBudget budget,
        TowerRecorder towerRecorder, Dictionary<(int, int), VariableRanges> ranges, SampleWorldOptions options)
    {
        GeographyWriter.WriteBand(files.Geography, files.Plan, geo);
        var weather = new WeatherGenerator(geo, options.Seed);

        // Units of the process model: every land cell of the band, then its towers (own biome, their pixel's weather),
        // then the towers' twins without the latent field (z1 = z2 = 0), whose fluxes only truth/towers.csv reports.
        var landCells = Enumerable.Range(0, geo.Cells).Where(c => geo.LandFraction[c] > 0).ToArray();
        var bandTowers = Enumerable.Range(0, towers.Count).Where(k => geo.Local(towers[k].Cell) >= 0).ToArray();
        var towerCells = bandTowers.Select(k => geo.Local(towers[k].Cell)).ToArray();
        var unitCell = landCells.Concat(towerCells).ToArray();
        var unitIgbp = landCells.Select(c => geo.IgbpClass[c]).Concat(bandTowers.Select(k => towers[k].Igbp)).ToArray();
        var unitTann = unitCell.Select(weather.MeanAnnualTemperature).ToArray();
        var unitLat = landCells.Select(c => geo.Latitude[c]).Concat(bandTowers.Select(k => towers[k].Latitude)).ToArray();
        var unitLon = landCells.Select(c => geo.Longitude[c]).Concat(bandTowers.Select(k => towers[k].Longitude)).ToArray();
        var latent1 = new float[unitCell.Length];
        var latent2 = new float[unitCell.Length];
        LatentFields.Efficiency(options.Seed, unitLat, unitLon, latent1);
        LatentFields.Respiration(options.Seed, unitLat, unitLon, latent2);
        var twins = bandTowers.Length;
        var model = new ProcessModel(unitCell.Concat(towerCells).ToArray(), unitIgbp.Concat(bandTowers.Select(k => towers[k].Igbp)).ToArray(),
            unitTann.Concat(unitTann[^twins..]).ToArray(), latent1.Concat(new float[twins]).ToArray(), latent2.Concat(new float[twins]).ToArray());

        var day = new WeatherDay(geo.Cells);
        var first = options.FirstDay;
        var last = options.LastDay;
        for (var d = first.AddDays(-SpinUpDays); d < first; d = d.AddDays(1))
        {
            weather.Next(d, day);
            model.Step(day);
        }

        var gpp = new float[geo.Cells];
        var reco = new float[geo.Cells];
        var nee = new float[geo.Cells];
        Array.Fill(gpp, float.NaN);
        Array.Fill(reco, float.NaN);
        Array.Fill(nee, float.NaN);
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
                    era5?.Dispose();
                    if (!ranges.TryGetValue((d.Year, d.Month), out var monthRanges))
                        ranges[(d.Year, d.Month)] = monthRanges = new VariableRanges(Era5Variables.All.Length);
                    era5 = Era5DailyWriter.OpenBand(files.Era5Daily(d.Year, d.Month), files.Era5Layout, files.Plan, geo.RowStart, geo.Rows, monthRanges);
                }
                if (truth is null || d.DayOfYear == 1)
                {
                    truth?.Dispose();
                    modis?.Dispose();
                    var (yearFirst, yearLast) = files.YearSpan(d.Year);
                    truth = TruthWriter.OpenBand(files.Truth(d.Year), files.Plan, yearFirst, geo.RowStart, geo.Rows);
                    modis = ModisCompositor.OpenBand(files.Modis(d.Year), files.Plan, geo, yearFirst, yearLast, options);
                }
                era5.Write(day);
                for (var u = 0; u < landCells.Length; u++)
                {
                    var c = landCells[u];
                    gpp[c] = model.Gpp[u];
                    reco[c] = model.Reco[u];
                    nee[c] = model.Nee[u];
                }
                truth.Write(d, gpp, reco, nee);
                modis!.Add(day, model, landCells);
                budget.Add(geo, landCells, model);
                towerRecorder.Add(d, day, model, bandTowers, towerCells, landCells.Length, landCells.Length + twins);
            }
        }
        finally
        {
            era5?.Dispose(); // closed before a failure removes the staging folder
            truth?.Dispose();
            modis?.Dispose();
        }
    }

    /// <summary>
    /// The hourly region's own weather pass over its window of the grid (10 x 10 degrees), from the spin-up to the
    /// end of its two months: weather depends on place and date only, so its days are those of the daily files.
    /// </summary>
    private static void GenerateHourlyRegion(string root, GeographySources sources, SampleWorldOptions options)
    {
        var (rowStart, rows, columnStart, columns) = HourlyRegion.Window(WorldGeography.GridFor(options), options);
        var geo = WorldGeography.Build(options, sources, rowStart, rows, columnStart, columns);
        var weather = new WeatherGenerator(geo, options.Seed);
        var day = new WeatherDay(geo.Cells);
        using var hourly = new HourlyRegion(root, geo, options);
        var first = options.FirstDay;
        for (var d = first.AddDays(-SpinUpDays); d < first; d = d.AddDays(1))
            weather.Next(d, day);
        hourly.RememberDayBefore(day);
        for (var d = first; d <= hourly.LastDay; d = d.AddDays(1))
        {
            weather.Next(d, day);
            hourly.Write(day);
        }
    }
}
