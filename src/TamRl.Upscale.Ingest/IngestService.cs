using System.Text.Json;
using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.Ingest.Era5;
using TamRl.Upscale.Ingest.Modis;
using TamRl.Upscale.Ingest.Regridding;

namespace TamRl.Upscale.Ingest;

/// <summary>What a run of ingest did.</summary>
/// <param name="Written">Months computed and moved into place.</param>
/// <param name="Skipped">Months whose inputs and settings were unchanged.</param>
public sealed record IngestResult(string DriversDirectory, IReadOnlyList<CubeMonth> Written, IReadOnlyList<CubeMonth> Skipped, bool StaticWritten);

/// <summary>
/// The ingest stage: ERA5 and MODIS inputs to the driver cube OUT/drivers (docs/data-contracts.md §2).
/// <list type="number">
/// <item>Every input is opened and checked first (variables, units, grids, times, coverage of the whole
/// period): bad input fails before anything is written.</item>
/// <item>Static fields onto the target grid (static.nc), rewritten only when their input or the grid changed.</item>
/// <item>Month by month: unless the manifest shows the same inputs (SHA-256) and settings, the month is
/// computed into OUT/drivers/.staging, completed, moved into place, and the manifest updated. A month
/// that fails leaves no file; months before it stay valid.</item>
/// </list>
/// </summary>
public sealed class IngestService
{
    /// <summary>Bumped when the computation changes, so a rerun recomputes months made by older code.</summary>
    public const int AlgorithmVersion = 1;

    private readonly PipelineConfig _config;
    private readonly IngestConfig _ingest;
    private readonly string _drivers;
    private readonly Action<string> _log;
    private readonly FileChecksums _checksums = new();

    public IngestService(PipelineConfig config, string outDirectory, Action<string>? log = null)
    {
        _config = config.WithOutput(outDirectory); // "{out}/..." paths name what earlier stages of the run wrote
        _ingest = config.Ingest ?? throw new InvalidInputException(config.SourcePath, "ingest", "the configuration has no ingest section");
        _drivers = Path.Combine(Path.GetFullPath(outDirectory), "drivers");
        _log = log ?? (_ => { });
    }

    public IngestResult Run()
    {
        var grid = _ingest.Grid.ToGrid(_config.SourcePath);
        var months = CubeMonth.Span(_ingest.Period.Start, _ingest.Period.End);
        DateOnly first = months[0].FirstDay, last = months[^1].LastDay;
        var staticPath = _config.ResolvePaths([_ingest.Static], "ingest.static")[0];

        var era5Sets = new List<Era5InputSet>();
        try
        {
            for (var i = 0; i < _ingest.Era5.Count; i++)
                era5Sets.Add(new Era5InputSet(_ingest.Era5[i].Layout, _config.ResolvePaths(_ingest.Era5[i].Paths, $"ingest.era5[{i}].paths"), _ingest.Era5[i].Variables));
            var era5 = Era5DailyDrivers.Open(era5Sets);
            foreach (var series in era5.Series)
                GridCoverage.Require(series.Grid, grid, series.Files[0], series.Quantity.ShortName);
            era5.RequireCoverage(first, last);
            var modisSets = _ingest.Modis.Select((m, i) => (m, _config.ResolvePaths(m.Paths, $"ingest.modis[{i}].paths"))).ToArray();
            var modis = new ModisDailyDrivers(modisSets, grid, _config.SourcePath);
            modis.RequireCoverage(first, last);
            var fields = StaticGeography.Read(staticPath, grid);

            Directory.CreateDirectory(_drivers);
            var manifestPath = Path.Combine(_drivers, DriverCubeLayout.ManifestFileName);
            var manifest = DriverCubeManifest.Load(manifestPath);
            if (manifest is not null && manifest.Grid != ManifestGrid.Of(grid))
                throw new InvalidInputException(manifestPath, "grid",
                    $"the folder holds a cube on another grid ({manifest.Grid}); write to another --out or remove {_drivers}");
            manifest ??= new DriverCubeManifest { Grid = ManifestGrid.Of(grid) };
            // A run that was killed may have left temporary files in the staging folder: they are ours and incomplete.
            var staging = Path.Combine(_drivers, ".staging");
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
            var settings = SettingsFingerprint(grid);

            var staticWritten = WriteStaticIfChanged(ref manifest, manifestPath, grid, fields, staticPath, settings);
            var landMask = fields.LandMask();
            var written = new List<CubeMonth>();
            var skipped = new List<CubeMonth>();
            var regridders = new Dictionary<RegularLatLonGrid, IRegridder>();
            foreach (var month in months)
            {
                var inputs = MonthInputs(month, era5, modis, staticPath);
                var file = DriverCubeLayout.MonthFileName(month);
                var previous = manifest.Months.FirstOrDefault(m => m.Month == month.ToString());
                if (previous is not null && previous.SettingsSha256 == settings && previous.Inputs.SequenceEqual(inputs) &&
                    File.Exists(Path.Combine(_drivers, file)) && _checksums.Of(Path.Combine(_drivers, file)) == previous.Sha256)
                {
                    _log($"ingest: {month} unchanged, skipped");
                    skipped.Add(month);
                    continue;
                }
                _log($"ingest: {month} computing");
                WriteMonth(month, grid, landMask, era5, modis, regridders);
                var final = Path.Combine(_drivers, file);
                var entry = new ManifestMonth(month.ToString(), file, new FileChecksums().Of(final), settings, inputs);
                manifest = manifest with
                {
                    Months = manifest.Months.Where(m => m.Month != entry.Month).Append(entry).OrderBy(m => m.Month, StringComparer.Ordinal).ToArray(),
                };
                manifest.Save(manifestPath);
                written.Add(month);
            }
            return new IngestResult(_drivers, written, skipped, staticWritten);
        }
        finally
        {
            foreach (var set in era5Sets)
                set.Dispose();
        }
    }

    private bool WriteStaticIfChanged(ref DriverCubeManifest manifest, string manifestPath, RegularLatLonGrid grid, StaticFields fields, string staticInput, string settings)
    {
        var path = Path.Combine(_drivers, DriverCubeLayout.StaticFileName);
        ManifestInput[] inputs = [new(staticInput, _checksums.Of(staticInput))];
        if (manifest.Static is { } s && s.SettingsSha256 == settings && s.Inputs.SequenceEqual(inputs) && File.Exists(path) && new FileChecksums().Of(path) == s.Sha256)
            return false;
        DriverCubeWriter.WriteStatic(path, grid, fields, $"tamrl ingest from {Path.GetFileName(staticInput)}");
        manifest = manifest with { Static = new ManifestStatic(DriverCubeLayout.StaticFileName, new FileChecksums().Of(path), settings, inputs) };
        manifest.Save(manifestPath);
        return true;
    }

    private void WriteMonth(CubeMonth month, RegularLatLonGrid grid, bool[] landMask, Era5DailyDrivers era5, ModisDailyDrivers modis,
        Dictionary<RegularLatLonGrid, IRegridder> regridders)
    {
        var staging = Path.Combine(_drivers, ".staging");
        var stagedPath = Path.Combine(staging, DriverCubeLayout.MonthFileName(month));
        var cells = grid.Rows * grid.Columns;
        using (var writer = DriverMonthWriter.Create(stagedPath, grid, month, landMask, "ERA5 (Copernicus Climate Change Service), MODIS; tamrl ingest"))
        {
            var map = new float[cells];
            for (var day = month.FirstDay; day <= month.LastDay; day = day.AddDays(1))
                foreach (var source in era5.Compute(day))
                {
                    if (!regridders.TryGetValue(source.Grid, out var regridder))
                        regridders[source.Grid] = regridder = Regridders.Create(source.Grid, grid);
                    regridder.Regrid(source.Values, map);
                    FillLand(grid, map, landMask, source.Feature, day);
                    writer.WriteDay(source.Feature, day, map);
                }
            foreach (var feature in ModisDailyDrivers.Features)
            {
                var daily = modis.Daily(feature, month.FirstDay, month.LastDay);
                for (var d = 0; d < daily.Length; d++)
                {
                    FillLand(grid, daily[d], landMask, feature, month.FirstDay.AddDays(d));
                    writer.WriteDay(feature, month.FirstDay.AddDays(d), daily[d]);
                }
            }
            writer.Complete();
        }
        File.Move(stagedPath, Path.Combine(_drivers, DriverCubeLayout.MonthFileName(month)), overwrite: true);
        try { Directory.Delete(staging); }
        catch (IOException) { }
    }

    private void FillLand(RegularLatLonGrid grid, float[] map, bool[] landMask, string feature, DateOnly day)
    {
        var filled = LandGapFiller.Fill(grid, map, landMask);
        if (filled > 0 && day.Day == 1)
            _log($"ingest: {feature} {day:yyyy-MM-dd}: {filled} land cells without a source value took their nearest neighbour's");
    }

    private IReadOnlyList<ManifestInput> MonthInputs(CubeMonth month, Era5DailyDrivers era5, ModisDailyDrivers modis, string staticPath)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal) { staticPath };
        for (var day = month.FirstDay; day <= month.LastDay; day = day.AddDays(1))
            foreach (var file in era5.FilesFor(day))
                paths.Add(InputPathOf(file));
        foreach (var file in modis.FilesFor(month.FirstDay, month.LastDay))
            paths.Add(InputPathOf(file));
        return paths.Select(p => new ManifestInput(p, _checksums.Of(p))).ToArray();
    }

    /// <summary>A zip member "a.zip!member.nc" is tracked by its archive.</summary>
    private static string InputPathOf(string file)
    {
        var bang = file.IndexOf(".zip!", StringComparison.OrdinalIgnoreCase);
        return bang >= 0 ? file[..(bang + 4)] : file;
    }

    /// <summary>Everything besides the input files that shapes a month's values.</summary>
    private string SettingsFingerprint(RegularLatLonGrid grid) => FileChecksums.OfText(JsonSerializer.Serialize(new
    {
        AlgorithmVersion,
        grid = ManifestGrid.Of(grid),
        features = DriverFeatures.Names,
        era5 = _ingest.Era5.Select(e => new { layout = e.Layout.ToString(), variables = e.Variables.OrderBy(p => p.Key).ToArray() }),
        modis = _ingest.Modis.Select(m => new { m.Product, m.MinValidFraction, m.QaRejectMask, m.CompositeDays, variables = m.Variables.OrderBy(p => p.Key).ToArray() }),
    }));
}
