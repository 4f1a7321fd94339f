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
        var features = CubeFeatureSelection.Resolve(_ingest, _config.SourcePath);
        var era5Features = features.Select(f => f.Name).Where(Era5DailyDrivers.Features.Contains).ToArray();
        var modisFeatures = features.Select(f => f.Name).Where(n => !Era5DailyDrivers.Features.Contains(n)).ToArray();
        _log($"ingest: features {string.Join(", ", features.Select(f => f.Name))}");
        // The cheapest check first: a geography file that does not exist fails before any input is opened.
        var staticFile = _ingest.StaticIsReal ? null : _config.ResolvePaths([_ingest.Static], "ingest.static")[0];

        var era5Sets = new List<Era5InputSet>();
        try
        {
            Era5DailyDrivers? era5 = null;
            if (era5Features.Length > 0)
            {
                for (var i = 0; i < _ingest.Era5.Count; i++)
                    era5Sets.Add(new Era5InputSet(_ingest.Era5[i].Layout, _config.ResolvePaths(_ingest.Era5[i].Paths, $"ingest.era5[{i}].paths"), _ingest.Era5[i].Variables));
                era5 = Era5DailyDrivers.Open(era5Sets, era5Features);
                foreach (var series in era5.Series)
                    GridCoverage.Require(series.Grid, grid, series.Files[0], series.Quantity.ShortName);
                era5.RequireCoverage(first, last);
            }
            ModisDailyDrivers? modis = null;
            if (modisFeatures.Length > 0)
            {
                var modisSets = _ingest.Modis.Select((m, i) => (m, _config.ResolvePaths(m.Paths, $"ingest.modis[{i}].paths"))).ToArray();
                modis = new ModisDailyDrivers(modisSets, grid, _config.SourcePath, modisFeatures);
                modis.RequireCoverage(first, last);
            }
            var (fields, staticInputs, staticSource) = ReadStatic(grid, first, staticFile);

            Directory.CreateDirectory(_drivers);
            var manifestPath = Path.Combine(_drivers, DriverCubeLayout.ManifestFileName);
            var manifest = DriverCubeManifest.Load(manifestPath);
            if (manifest is not null && manifest.Grid != ManifestGrid.Of(grid))
                throw new InvalidInputException(manifestPath, "grid",
                    $"the folder holds a cube on another grid ({manifest.Grid}); write to another --out or remove {_drivers}");
            manifest = (manifest ?? new DriverCubeManifest { Grid = ManifestGrid.Of(grid) }) with { Features = features };
            // A run that was killed may have left temporary files in the staging folder: they are ours and incomplete.
            var staging = Path.Combine(_drivers, ".staging");
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
            var settings = SettingsFingerprint(grid, features);

            var staticWritten = WriteStaticIfChanged(ref manifest, manifestPath, grid, fields, staticInputs, staticSource, settings);
            var landMask = fields.LandMask();
            var written = new List<CubeMonth>();
            var skipped = new List<CubeMonth>();
            var regridders = new Dictionary<RegularLatLonGrid, IRegridder>();
            foreach (var month in months)
            {
                var inputs = MonthInputs(month, era5, modis, staticInputs);
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
                WriteMonth(month, grid, landMask, features, era5, modis, regridders);
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

    /// <summary>
    /// The static fields on the grid and the files they come from: the configured geography file, or with
    /// <c>"static": "real"</c> the real sources (<see cref="RealStaticGeography"/>) and the land-cover composite used.
    /// </summary>
    private (StaticFields Fields, IReadOnlyList<string> Inputs, string Source) ReadStatic(RegularLatLonGrid grid, DateOnly first, string? staticFile)
    {
        if (staticFile is not null)
            return (StaticGeography.Read(staticFile, grid), [staticFile], Path.GetFileName(staticFile));
        var realData = IO.Geography.RealDataFolder.Locate(null);
        var inputs = RealStaticGeography.SourceFiles(realData).ToList();
        var igbp = LandCoverOnGrid(grid, first, inputs);
        return (RealStaticGeography.Build(realData, grid, igbp), inputs,
            "real sources: Kottek et al. (2006) Koppen-Geiger map, ETOPO2 elevation" + (igbp is null ? " (IGBP unknown)" : ", MODIS MCD12Q1 land cover"));
    }

    /// <summary>
    /// IGBP classes on the grid from the first MODIS set whose product carries land cover (MCD12Q1): the composite in
    /// force at the period's start (the latest starting on or before it, else the earliest), mosaicked by majority.
    /// Null, with a log line, when no set names such a product.
    /// </summary>
    private int[]? LandCoverOnGrid(RegularLatLonGrid grid, DateOnly first, List<string> inputs)
    {
        for (var i = 0; i < _ingest.Modis.Count; i++)
        {
            var config = _ingest.Modis[i];
            if (config.Product is null || Modis.Catalogue.ModisCatalogue.Find(config.Product) is not { } product || product.Layer("igbp") is not { Categorical: true } layer)
                continue;
            var composites = ModisProductSet.Scan(config, _config.ResolvePaths(config.Paths, $"ingest.modis[{i}].paths"), _config.SourcePath, $"ingest.modis[{i}]");
            if (composites.Count == 0)
                throw new InvalidInputException(_config.SourcePath, $"ingest.modis[{i}].paths", $"no {product.Name} file found for the static land cover");
            var chosen = composites.LastOrDefault(c => c.Start <= first) ?? composites[0];
            inputs.AddRange(chosen.Files);
            _log($"ingest: static igbp from {product.Name} of {chosen.Start:yyyy-MM-dd} ({chosen.Files.Count} file(s))");
            var (values, _) = ModisProductSet.Mosaic(product, layer, chosen, grid, config.MinValidFraction);
            return Array.ConvertAll(values, IgbpClassOf);
        }
        _log("ingest: static igbp unknown (-1) over land: no ingest.modis set names a land-cover product (MCD12Q1)");
        return null;
    }

    /// <summary>
    /// An MCD12Q1 IGBP value as a class of data/real/sites/igbp_key.csv (Collection 5 numbering: 0 water, 1-16, 17
    /// unclassified). Collection 6's LC_Type1 numbers water 17 (Sulla-Menashe and Friedl 2018, table 3) and Collection 5
    /// never uses 17, so 17 is water in both; 254 (C5 unclassified) and 255 (fill) are no class.
    /// </summary>
    internal static int IgbpClassOf(float modisValue) =>
        float.IsNaN(modisValue) ? -1 : (int)MathF.Round(modisValue) switch
        {
            17 => 0,
            >= 0 and <= 16 and var c => c,
            _ => -1,
        };

    private bool WriteStaticIfChanged(ref DriverCubeManifest manifest, string manifestPath, RegularLatLonGrid grid, StaticFields fields, IReadOnlyList<string> staticInputs, string source, string settings)
    {
        var path = Path.Combine(_drivers, DriverCubeLayout.StaticFileName);
        var inputs = staticInputs.Select(p => new ManifestInput(p, _checksums.Of(p))).ToArray();
        if (manifest.Static is { } s && s.SettingsSha256 == settings && s.Inputs.SequenceEqual(inputs) && File.Exists(path) && new FileChecksums().Of(path) == s.Sha256)
            return false;
        DriverCubeWriter.WriteStatic(path, grid, fields, $"tamrl ingest from {source}");
        manifest = manifest with { Static = new ManifestStatic(DriverCubeLayout.StaticFileName, new FileChecksums().Of(path), settings, inputs) };
        manifest.Save(manifestPath);
        return true;
    }

    private void WriteMonth(CubeMonth month, RegularLatLonGrid grid, bool[] landMask, IReadOnlyList<DriverFeature> features, Era5DailyDrivers? era5, ModisDailyDrivers? modis,
        Dictionary<RegularLatLonGrid, IRegridder> regridders)
    {
        var staging = Path.Combine(_drivers, ".staging");
        var stagedPath = Path.Combine(staging, DriverCubeLayout.MonthFileName(month));
        var cells = grid.Rows * grid.Columns;
        var sources = string.Join(", ", new[] { era5 is null ? null : "ERA5 (Copernicus Climate Change Service)", modis is null ? null : "MODIS (NASA LP DAAC)" }.OfType<string>());
        using (var writer = DriverMonthWriter.Create(stagedPath, grid, month, landMask, $"{sources}; tamrl ingest", features))
        {
            var map = new float[cells];
            for (var day = month.FirstDay; era5 is not null && day <= month.LastDay; day = day.AddDays(1))
                foreach (var source in era5.Compute(day))
                {
                    if (!regridders.TryGetValue(source.Grid, out var regridder))
                        regridders[source.Grid] = regridder = Regridders.Create(source.Grid, grid);
                    regridder.Regrid(source.Values, map);
                    FillLand(grid, map, landMask, source.Feature, day);
                    writer.WriteDay(source.Feature, day, map);
                }
            foreach (var feature in modis?.Features ?? [])
            {
                var daily = modis!.Daily(feature, month.FirstDay, month.LastDay);
                for (var d = 0; d < daily.Length; d++)
                {
                    FillLand(grid, daily[d], landMask, feature, month.FirstDay.AddDays(d));
                    writer.WriteDay(feature, month.FirstDay.AddDays(d), daily[d]);
                }
            }
            writer.Complete();
        }
        // Complete in the staging folder (the writer's own temporary name moved in there on Complete), renamed into the cube.
        IO.Files.AtomicFile.MoveIntoPlace(stagedPath, Path.Combine(_drivers, DriverCubeLayout.MonthFileName(month)));
        try { Directory.Delete(staging); }
        catch (IOException) { }
    }

    private void FillLand(RegularLatLonGrid grid, float[] map, bool[] landMask, string feature, DateOnly day)
    {
        var filled = LandGapFiller.Fill(grid, map, landMask);
        if (filled > 0 && day.Day == 1)
            _log($"ingest: {feature} {day:yyyy-MM-dd}: {filled} land cells without a source value took their nearest neighbour's");
    }

    private IReadOnlyList<ManifestInput> MonthInputs(CubeMonth month, Era5DailyDrivers? era5, ModisDailyDrivers? modis, IReadOnlyList<string> staticInputs)
    {
        var paths = new SortedSet<string>(staticInputs, StringComparer.Ordinal);
        for (var day = month.FirstDay; era5 is not null && day <= month.LastDay; day = day.AddDays(1))
            foreach (var file in era5.FilesFor(day))
                paths.Add(InputPathOf(file));
        foreach (var file in modis?.FilesFor(month.FirstDay, month.LastDay) ?? [])
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
    private string SettingsFingerprint(RegularLatLonGrid grid, IReadOnlyList<DriverFeature> features) => FileChecksums.OfText(JsonSerializer.Serialize(new
    {
        AlgorithmVersion,
        grid = ManifestGrid.Of(grid),
        features = features.Select(f => f.Name),
        staticSource = _ingest.StaticIsReal ? "real" : "file",
        era5 = _ingest.Era5.Select(e => new { layout = e.Layout.ToString(), variables = e.Variables.OrderBy(p => p.Key).ToArray() }),
        modis = _ingest.Modis.Select(m => new { m.Product, m.MinValidFraction, m.QaRejectMask, m.CompositeDays, variables = m.Variables.OrderBy(p => p.Key).ToArray() }),
    }));
}
