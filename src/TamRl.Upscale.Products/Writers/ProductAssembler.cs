using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.Products.Inference;

namespace TamRl.Upscale.Products.Writers;

/// <summary>
/// Turns a run's chunk files into the products of its period, in a folder of the caller's choosing
/// (the publisher's staging folder): daily CF NetCDF per month, one monthly CF NetCDF, a COG per flux and
/// month (and per complete year) and a quicklook PNG per flux and month. Works a day and a variable at a
/// time, so memory holds a few global maps, whatever the length of the period.
/// </summary>
public static class ProductAssembler
{
    /// <summary>Writes the products into <paramref name="folder"/>; returns the files written (paths relative to it).</summary>
    /// <exception cref="TamRlException">A chunk of the run has no result yet, or a chunk file does not belong to the run.</exception>
    public static IReadOnlyList<ManifestEntry> Assemble(string runDir, string folder, bool quicklooks = true)
    {
        var run = RunDescription.Load(runDir);
        var land = RunDescription.LoadLandFraction(runDir);
        var grid = run.Grid.ToGrid();
        var plan = InferenceService.PlanOf(run, land);
        var missing = InferenceService.MissingChunks(runDir);
        if (missing.Count > 0)
            throw new TamRlException($"{runDir}: {missing.Count} chunk(s) have no result yet: {string.Join(", ", missing.Take(20))}{(missing.Count > 20 ? ", ..." : "")}; run `tamrl infer` for them first");
        var provenance = new Provenance(run.RunId, run.Predictor, run.InputChecksums, run.CodeVersion, Core.Time.ReproducibleClock.Now()) { ModelAttributes = run.ModelAttributes };
        var period = run.Period;
        var months = period.Months().ToList();
        var cells = grid.Rows * grid.Columns;
        var entries = new List<ManifestEntry>();
        foreach (var sub in new[] { "netcdf", "cog", "quicklook" })
            Directory.CreateDirectory(Path.Combine(folder, sub));

        var chunkFiles = new List<(Chunk Chunk, NetCdfFile File)>();
        try
        {
            foreach (var chunk in plan.Chunks)
            {
                var file = ChunkFile.OpenChecked(InferenceService.ChunkPath(runDir, chunk.Id), grid, chunk, period);
                chunkFiles.Add((chunk, file));
                // Days are read once each: a cache of one day's chunk per variable is all that helps. netCDF-C's
                // default (16 MB per variable) would keep most of every chunk file in memory, hundreds of open
                // files at fine grids.
                foreach (var v in FluxVariables.All)
                    file.SetChunkCache(v.Name, 2L * chunk.Rows * chunk.Columns * sizeof(float), 7);
            }

            var completeYears = Enumerable.Range(period.First.Year, period.Last.Year - period.First.Year + 1)
                .Where(y => period.First <= new DateOnly(y, 1, 1) && period.Last >= new DateOnly(y, 12, 31)).ToHashSet();
            var annual = FluxVariables.Fluxes.ToDictionary(v => v.Name, _ => new double[cells]);

            var monthlyName = ProductLayout.Monthly(period);
            using (var monthly = CfFluxFile.CreateMonthly(Path.Combine(folder, monthlyName), grid, land, months, provenance))
            {
                var day = new float[cells];
                var mean = new float[cells];
                var sum = new double[cells];
                var tileBuffer = new float[plan.Chunks.Count == 0 ? 0 : plan.Chunks.Max(c => c.Rows * c.Columns)];
                for (var mi = 0; mi < months.Count; mi++)
                {
                    var month = months[mi];
                    var dailyName = ProductLayout.Daily(month);
                    using (var daily = CfFluxFile.CreateDaily(Path.Combine(folder, dailyName), grid, land, month, provenance))
                    {
                        foreach (var v in FluxVariables.All)
                        {
                            Array.Clear(sum);
                            for (var d = 0; d < month.Days; d++)
                            {
                                var dayIndex = period.IndexOf(month.DateOf(d));
                                ReadDay(chunkFiles, grid.Columns, v.Name, dayIndex, day, tileBuffer);
                                daily.WriteStep(v, d, day);
                                for (var i = 0; i < cells; i++)
                                    sum[i] += day[i];
                            }
                            for (var i = 0; i < cells; i++)
                                mean[i] = land[i] > 0 ? (float)(sum[i] / month.Days) : float.NaN;
                            monthly.WriteStep(v, mi, mean);
                            if (v.IsUncertainty)
                                continue;
                            if (completeYears.Contains(month.First.Year))
                            {
                                var a = annual[v.Name];
                                for (var i = 0; i < cells; i++)
                                    a[i] += sum[i];
                            }
                            var cog = ProductLayout.MonthlyCog(v, month);
                            FluxCog.Write(Path.Combine(folder, cog), grid, v, month.First.ToString("yyyy-MM"), mean, provenance);
                            entries.Add(Entry(folder, cog, v.Name, month.First.ToString("yyyy-MM"), "cog"));
                            if (quicklooks)
                            {
                                var png = ProductLayout.MonthlyQuicklook(v, month);
                                Quicklook.WriteMap(Path.Combine(folder, png), grid, mean,
                                    $"{v.LongName}, {month.First:yyyy-MM} (monthly mean)", $"{v.Name} ({FluxVariable.Units}, carbon)", diverging: v == FluxVariables.Nee);
                                entries.Add(Entry(folder, png, v.Name, month.First.ToString("yyyy-MM"), "png"));
                            }
                        }
                    }
                    entries.AddRange(PerVariable(folder, dailyName, month.First.ToString("yyyy-MM"), "netcdf-daily"));
                }
            }
            entries.AddRange(PerVariable(folder, monthlyName, period.Key, "netcdf-monthly"));

            foreach (var year in completeYears.Order())
                foreach (var v in FluxVariables.Fluxes)
                {
                    var daysInYear = DatePeriod.Year(year).Days;
                    var a = annual[v.Name];
                    var map = new float[cells];
                    for (var i = 0; i < cells; i++)
                        map[i] = land[i] > 0 ? (float)(a[i] / daysInYear) : float.NaN;
                    var cog = ProductLayout.AnnualCog(v, year);
                    FluxCog.Write(Path.Combine(folder, cog), grid, v, year.ToString("D4"), map, provenance);
                    entries.Add(Entry(folder, cog, v.Name, year.ToString("D4"), "cog"));
                }
        }
        finally
        {
            foreach (var (_, file) in chunkFiles)
                file.Dispose();
        }
        return entries;
    }

    /// <summary>One day of one variable over the grid: NaN everywhere, then each chunk's tile.</summary>
    private static void ReadDay(List<(Chunk Chunk, NetCdfFile File)> chunks, int gridColumns, string variable, int dayIndex, float[] day, float[] tileBuffer)
    {
        Array.Fill(day, float.NaN);
        foreach (var (chunk, file) in chunks)
        {
            var tile = tileBuffer.AsSpan(0, chunk.Rows * chunk.Columns);
            file.Read<float>(variable, [dayIndex, 0, 0], [1, chunk.Rows, chunk.Columns], tile);
            for (var r = 0; r < chunk.Rows; r++)
                tile.Slice(r * chunk.Columns, chunk.Columns).CopyTo(day.AsSpan((chunk.Row0 + r) * gridColumns + chunk.Column0, chunk.Columns));
        }
    }

    /// <summary>A NetCDF file holds every variable: one entry per variable, one checksum taken after the file was closed.</summary>
    private static IEnumerable<ManifestEntry> PerVariable(string folder, string relative, string period, string format)
    {
        var sha = ProductManifest.Sha256Of(Path.Combine(folder, relative));
        return FluxVariables.All.Select(v => new ManifestEntry(relative.Replace('\\', '/'), sha, v.Name, period, format)).ToArray();
    }

    private static ManifestEntry Entry(string folder, string relative, string? variable, string period, string format) =>
        new(relative.Replace('\\', '/'), ProductManifest.Sha256Of(Path.Combine(folder, relative)), variable, period, format);
}
