using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Core.Files;
using TamRl.Upscale.IO.Files;

namespace TamRl.Upscale.Products.Writers;

/// <summary>
/// Turns a run's chunk files into the products of its period, in a folder of the caller's choosing
/// (the publisher's staging folder): daily CF NetCDF per month, one monthly CF NetCDF, a COG per flux and
/// month (and per complete year), a quicklook PNG per flux and month, the regional budget table and its annual-cycle
/// figure, the daily product as one Zarr store, QGIS styles and the STAC catalogue.
/// <para>
/// Memory does not grow with the grid: everything is done a <see cref="ProductBlocks">block</see> at a
/// time (a chunk of the product NetCDF files, at most 720 x 1440 cells). Per block: the chunk files over
/// it are read a day and a variable at a time, the days written as whole NetCDF chunks, summed into the
/// monthly means (written likewise) and into the annual means (streamed into their COGs). The monthly COGs
/// and quicklooks are then made from the monthly file, block by block. GDAL's block cache is capped at
/// <see cref="GdalCacheBytes"/>.
/// </para>
/// </summary>
public static class ProductAssembler
{
    /// <summary>
    /// The cap on GDAL's block cache while products are written (GDAL's default is 5% of the machine's memory).
    /// The COGs stream through tiled GeoTIFFs whose blocks are written and read once, so the cache only needs a
    /// few 256 x 256 tiles: 16 MiB publishes a 0.1 degree month ~20 MiB lower than 64 did, no slower.
    /// </summary>
    public const long GdalCacheBytes = 16L << 20;

    /// <summary>Writes the products into <paramref name="folder"/>; returns the files written (paths relative to it).</summary>
    /// <exception cref="TamRlException">A chunk of the run has no result yet, or a chunk file does not belong to the run.</exception>
    public static IReadOnlyList<ManifestEntry> Assemble(string runDir, string folder, bool quicklooks = true)
    {
        var run = RunDescription.Load(runDir);
        var grid = run.Grid.ToGrid();
        using var land = LandFraction.OpenRun(runDir, grid);
        var plan = InferenceService.PlanOf(run, land);
        var missing = InferenceService.MissingChunks(runDir);
        if (missing.Count > 0)
            throw new TamRlException($"{runDir}: {missing.Count} chunk(s) have no result yet: {string.Join(", ", missing.Take(20))}{(missing.Count > 20 ? ", ..." : "")}; run `tamrl infer` for them first");
        GdalEnvironment.Current.LimitCacheMax(GdalCacheBytes);
        var provenance = new Provenance(run.RunId, run.Predictor, run.InputChecksums, run.CodeVersion, Core.Time.ReproducibleClock.Now()) { ModelAttributes = run.ModelAttributes, SurfaceRules = run.SurfaceRules };
        var period = run.Period;
        var months = period.Months().ToList();
        var blocks = ProductBlocks.Of(grid);
        foreach (var sub in new[] { "netcdf", "cog", "quicklook", "budgets" })
            Directory.CreateDirectory(Path.Combine(folder, sub));
        var completeYears = Enumerable.Range(period.First.Year, period.Last.Year - period.First.Year + 1)
            .Where(y => period.First <= new DateOnly(y, 1, 1) && period.Last >= new DateOnly(y, 12, 31)).ToList();

        // The daily files with their coordinates, land fraction and attributes; their values follow block by block.
        foreach (var month in months)
            using (CfFluxFile.CreateDaily(Path.Combine(folder, ProductLayout.Daily(month)), grid, land, month, provenance)) { }

        var monthlyPath = Path.Combine(folder, ProductLayout.Monthly(period));
        var members = MembersOf(runDir, plan, run.Predictor);
        var budget = new Budgets.RegionalBudget(grid, months, members);
        using var classes = new DriverCube.RunClasses(run, grid);
        var annualCogs = completeYears.SelectMany(y => FluxVariables.Fluxes.Select(v => (y, v)))
            .ToDictionary(k => k, k => (FluxCog?)null);
        try
        {
            foreach (var key in annualCogs.Keys.ToList())
                annualCogs[key] = FluxCog.Begin(Path.Combine(folder, ProductLayout.AnnualCog(key.v, key.y)), grid, key.v, key.y.ToString("D4"), provenance);
            using (var monthly = CfFluxFile.CreateMonthly(monthlyPath, grid, land, months, provenance, members))
                foreach (var block in blocks)
                {
                    AssembleBlock(runDir, run.Predictor, folder, plan, block, land, months, period, completeYears, monthly, annualCogs!, budget, classes, members);
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false); // the block's buffers, as in the checks
                }
            foreach (var cog in annualCogs.Values)
                cog!.Complete();
        }
        finally
        {
            foreach (var cog in annualCogs.Values)
                cog?.Dispose();
        }

        var table = budget.Result(run.RunId, period.Key);
        WriteBudgets(folder, period, table);
        var samples = WriteMonthlyMaps(folder, monthlyPath, grid, blocks, months, provenance, quicklooks);
        WriteStyles(folder, months, completeYears, samples);
        if (quicklooks)
            AnnualCycleFigure.Write(Path.Combine(folder, ProductLayout.AnnualCycle(period)), table);
        var zarrFiles = DailyZarr.Write(folder, grid, period);
        var entries = Entries(folder, period, months, completeYears, quicklooks);
        foreach (var relative in zarrFiles)
            entries.Add(Entry(folder, relative, ZarrVariableOf(relative), period.Key, "zarr"));
        var checksums = entries.GroupBy(e => e.File).ToDictionary(g => g.Key, g => g.First().Sha256);
        foreach (var relative in Stac.StacCatalog.Write(folder, grid, period, months, completeYears, provenance, checksums))
            entries.Add(Entry(folder, relative, null, period.Key, "stac"));
        return entries;
    }

    /// <summary>Every step of every variable over one block: daily values, monthly and annual means.</summary>
    private static void AssembleBlock(string runDir, string predictor, string folder, Chunking.ChunkPlan plan, GridBlock block, LandFraction land,
        IReadOnlyList<DatePeriod> months, DatePeriod period, IReadOnlyList<int> completeYears, CfFluxFile monthly,
        Dictionary<(int Year, FluxVariable Variable), FluxCog> annualCogs, Budgets.RegionalBudget budget, DriverCube.RunClasses classes, int members)
    {
        var cells = block.Cells;
        var landFraction = land.Read(block);
        var isLand = landFraction.Select(f => f > 0).ToArray();
        budget.BeginBlock(block, landFraction, classes.Read(block));
        var day = new float[cells];
        var mean = new float[cells];
        var sum = new double[cells];
        double[][]? annual = null;
        var memberMeans = Enumerable.Range(0, members >= 2 ? members : 0).Select(_ => new float[cells]).ToArray();
        for (var mi = 0; mi < months.Count; mi++)
        {
            // The chunk files are opened per month. A CDF-5 chunk file costs only its header open; one of an
            // earlier version (NetCDF-4) holds HDF5 state that grows with the steps read (~2.3 MiB after a
            // year), which closing at the month's end gives back.
            using var tiles = ChunkTileReader.Open(runDir, plan, block, predictor);
            var month = months[mi];
            var year = month.First.Year;
            var inCompleteYear = completeYears.Contains(year);
            if (inCompleteYear && month.First.Month == 1)
                annual = FluxVariables.Fluxes.Select(_ => new double[cells]).ToArray();
            using (var daily = CfFluxFile.OpenForWriting(Path.Combine(folder, ProductLayout.Daily(month))))
                for (var vi = 0; vi < FluxVariables.All.Count; vi++)
                {
                    var v = FluxVariables.All[vi];
                    Array.Clear(sum);
                    for (var d = 0; d < month.Days; d++)
                    {
                        tiles.ReadDay(v.Name, period.IndexOf(month.DateOf(d)), day);
                        daily.WriteBlock(v, d, block, day);
                        for (var i = 0; i < cells; i++)
                            sum[i] += day[i];
                    }
                    if (v.IsUncertainty && members >= 2)
                        MembersSpread(tiles, budget, FluxVariables.ByName(v.UncertaintyOf!), mi, memberMeans, isLand, mean);
                    else
                        for (var i = 0; i < cells; i++)
                            mean[i] = isLand[i] ? (float)(sum[i] / month.Days) : float.NaN;
                    monthly.WriteBlock(v, mi, block, mean);
                    budget.AddMonth(mi, vi, sum);
                    if (!v.IsUncertainty && inCompleteYear)
                    {
                        var a = annual![vi]; // the fluxes come first in All
                        for (var i = 0; i < cells; i++)
                            a[i] += sum[i];
                    }
                }
            // netCDF-C/HDF5 compress and decompress chunk-sized blocks; glibc keeps what they free unless asked.
            tiles.Dispose();
            NativeHeap.ReleaseFreeMemory();
            if (inCompleteYear && month.First.Month == 12)
            {
                var daysInYear = DatePeriod.Year(year).Days;
                for (var f = 0; f < FluxVariables.Fluxes.Count; f++)
                {
                    for (var i = 0; i < cells; i++)
                        mean[i] = isLand[i] ? (float)(annual![f][i] / daysInYear) : float.NaN;
                    annualCogs[(year, FluxVariables.Fluxes[f])].WriteBlock(block, mean);
                }
                annual = null;
            }
        }
    }

    /// <summary>
    /// The spread of a flux's monthly mean over the block: the standard deviation across members of their monthly means
    /// (population, as the daily spreads), NaN off land; each member's means also go to the regional budget.
    /// </summary>
    private static void MembersSpread(ChunkTileReader tiles, Budgets.RegionalBudget budget, FluxVariable flux, int month, float[][] memberMeans, bool[] isLand, float[] spread)
    {
        var f = FluxVariables.Fluxes.ToList().IndexOf(flux);
        for (var k = 0; k < memberMeans.Length; k++)
        {
            tiles.ReadMemberMonth(flux, k, month, memberMeans[k]);
            budget.AddMemberMonth(month, k, f, memberMeans[k]);
        }
        for (var i = 0; i < spread.Length; i++)
        {
            if (!isLand[i])
            {
                spread[i] = float.NaN;
                continue;
            }
            double sum = 0, squares = 0;
            foreach (var m in memberMeans)
            {
                sum += m[i];
                squares += (double)m[i] * m[i];
            }
            var mean = sum / memberMeans.Length;
            spread[i] = (float)Math.Sqrt(Math.Max(squares / memberMeans.Length - mean * mean, 0));
        }
    }

    /// <summary>
    /// Members whose monthly means every chunk file of the run keeps (headers only); 0 when any keeps none or they differ:
    /// the monthly spreads are then the mean of the daily ones, as before the members were kept.
    /// </summary>
    private static int MembersOf(string runDir, Chunking.ChunkPlan plan, string predictor)
    {
        var counts = new HashSet<int>();
        foreach (var chunk in plan.Chunks)
        {
            using var file = ChunkFile.OpenChecked(InferenceService.ChunkPath(runDir, chunk.Id), plan.Grid, chunk, plan.Period, predictor);
            counts.Add(ChunkFile.MembersOf(file));
        }
        return counts.Count == 1 && counts.Single() >= 2 ? counts.Single() : 0;
    }

    /// <summary>The regional budget table, JSON and CSV (Budgets/RegionalBudget).</summary>
    private static void WriteBudgets(string folder, DatePeriod period, Budgets.BudgetTable table)
    {
        AtomicFile.WriteAllText(Path.Combine(folder, ProductLayout.BudgetJson(period)), table.ToJson());
        AtomicFile.WriteAllText(Path.Combine(folder, ProductLayout.BudgetCsv(period)), table.ToCsv());
    }

    /// <summary>The monthly COGs and quicklooks, read back from the monthly NetCDF a block at a time; returns a sample of each flux's values.</summary>
    private static Dictionary<FluxVariable, ValueSample> WriteMonthlyMaps(string folder, string monthlyPath, RegularLatLonGrid grid, IReadOnlyList<GridBlock> blocks,
        IReadOnlyList<DatePeriod> months, Provenance provenance, bool quicklooks)
    {
        var samples = FluxVariables.Fluxes.ToDictionary(v => v, _ => new ValueSample((long)grid.Rows * grid.Columns * months.Count));
        using var monthly = NetCdfFile.Open(monthlyPath);
        var values = new float[blocks.Max(b => b.Cells)];
        var image = quicklooks ? new QuicklookImage(grid) : null;
        for (var mi = 0; mi < months.Count; mi++)
        {
            var month = months[mi];
            var key = month.First.ToString("yyyy-MM");
            foreach (var v in FluxVariables.Fluxes)
            {
                monthly.SetChunkCache(v.Name, 0, 1, 1f); // whole chunks, each read once
                image?.Clear();
                using (var cog = FluxCog.Begin(Path.Combine(folder, ProductLayout.MonthlyCog(v, month)), grid, v, key, provenance))
                {
                    foreach (var block in blocks)
                    {
                        var span = values.AsSpan(0, block.Cells);
                        monthly.Read<float>(v.Name, [mi, block.Row0, block.Column0], [1, block.Rows, block.Columns], span);
                        cog.WriteBlock(block, span);
                        image?.Add(block, span);
                        samples[v].Add(span);
                    }
                    cog.Complete();
                }
                if (image is not null)
                    Quicklook.WriteMap(Path.Combine(folder, ProductLayout.MonthlyQuicklook(v, month)), image,
                        $"{v.LongName}, {key} (monthly mean)", $"{v.Name} ({FluxVariable.Units}, carbon)", diverging: v == FluxVariables.Nee);
                // The plot's grid-sized temporaries (the heatmap's colours, the rendered bitmap's copies) are
                // large-object garbage that would pile up map after map: collect them before the next map.
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
                NativeHeap.ReleaseFreeMemory(); // GDAL's COG copy and the PNG's bitmaps
            }
        }
        return samples;
    }

    /// <summary>A QGIS style beside every COG, one display range per flux for the whole period (<see cref="QgisStyle"/>).</summary>
    private static void WriteStyles(string folder, IReadOnlyList<DatePeriod> months, IReadOnlyList<int> completeYears, Dictionary<FluxVariable, ValueSample> samples)
    {
        foreach (var v in FluxVariables.Fluxes)
        {
            var diverging = v == FluxVariables.Nee;
            var (min, max) = QgisStyle.RangeOf(samples[v], diverging);
            var cogs = months.Select(m => ProductLayout.MonthlyCog(v, m)).Concat(completeYears.Select(y => ProductLayout.AnnualCog(v, y)));
            foreach (var cog in cogs)
                QgisStyle.Write(Path.Combine(folder, ProductLayout.StyleOf(cog)), v, min, max, diverging);
        }
    }

    /// <summary>The manifest entries, per month its COGs and quicklooks then its daily file, then the monthly file and the annual COGs.</summary>
    private static List<ManifestEntry> Entries(string folder, DatePeriod period, IReadOnlyList<DatePeriod> months, IReadOnlyList<int> completeYears, bool quicklooks)
    {
        var entries = new List<ManifestEntry>();
        foreach (var month in months)
        {
            var key = month.First.ToString("yyyy-MM");
            foreach (var v in FluxVariables.Fluxes)
            {
                entries.Add(Entry(folder, ProductLayout.MonthlyCog(v, month), v.Name, key, "cog"));
                entries.Add(Entry(folder, ProductLayout.StyleOf(ProductLayout.MonthlyCog(v, month)), v.Name, key, "qgis-style"));
                if (quicklooks)
                    entries.Add(Entry(folder, ProductLayout.MonthlyQuicklook(v, month), v.Name, key, "png"));
            }
            entries.AddRange(PerVariable(folder, ProductLayout.Daily(month), key, "netcdf-daily"));
        }
        entries.AddRange(PerVariable(folder, ProductLayout.Monthly(period), period.Key, "netcdf-monthly"));
        entries.Add(Entry(folder, ProductLayout.BudgetJson(period), null, period.Key, "budget-json"));
        entries.Add(Entry(folder, ProductLayout.BudgetCsv(period), null, period.Key, "budget-csv"));
        if (quicklooks)
            entries.Add(Entry(folder, ProductLayout.AnnualCycle(period), null, period.Key, "annual-cycle-svg"));
        foreach (var year in completeYears)
            foreach (var v in FluxVariables.Fluxes)
            {
                entries.Add(Entry(folder, ProductLayout.AnnualCog(v, year), v.Name, year.ToString("D4"), "cog"));
                entries.Add(Entry(folder, ProductLayout.StyleOf(ProductLayout.AnnualCog(v, year)), v.Name, year.ToString("D4"), "qgis-style"));
            }
        return entries;
    }

    /// <summary>A NetCDF file holds every variable: one entry per variable, one checksum taken after the file was closed.</summary>
    private static IEnumerable<ManifestEntry> PerVariable(string folder, string relative, string period, string format)
    {
        var sha = FileHash.Sha256(Path.Combine(folder, relative));
        return FluxVariables.All.Select(v => new ManifestEntry(relative.Replace('\\', '/'), sha, v.Name, period, format)).ToArray();
    }

    /// <summary>The flux variable a file of the Zarr store belongs to (its array folder), null for the store's own metadata and the coordinates.</summary>
    private static string? ZarrVariableOf(string relative)
    {
        var parts = relative.Split('/');
        return parts.Length >= 4 && FluxVariables.All.Any(v => v.Name == parts[2]) ? parts[2] : null;
    }

    private static ManifestEntry Entry(string folder, string relative, string? variable, string period, string format) =>
        new(relative.Replace('\\', '/'), FileHash.Sha256(Path.Combine(folder, relative)), variable, period, format);
}
