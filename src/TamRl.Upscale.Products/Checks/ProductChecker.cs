using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Checks;

/// <summary>
/// The checks run on assembled products before anything is published. They read the files back (NetCDF
/// through netCDF-C, GeoTIFF through GDAL), never the arrays that were written, a day and a
/// <see cref="ProductBlocks">block</see> at a time, so memory does not grow with the grid:
/// <list type="bullet">
/// <item><c>mass_balance</c>: NEE = RECO - GPP for every land pixel and day, within tolerance;</item>
/// <item><c>non_negative</c>: GPP >= 0 and RECO >= 0;</item>
/// <item><c>land_coverage</c>: a value at every land pixel and day, fill at every ocean pixel;</item>
/// <item><c>monthly_mean</c>: each monthly value equals the mean of the daily ones (a spread taken from the members' monthly
/// means, <see cref="CfFluxFile.MembersSpread"/>, lies between 0 and the mean of the daily spreads, which bounds it);</item>
/// <item><c>geotiff_equals_netcdf</c>: every monthly COG equals the monthly NetCDF map, nodata where fill; annual COGs equal the mean of the days;</item>
/// <item><c>global_totals</c>: area-weighted totals (PgC/yr) of GPP, RECO and NEE inside the configured bounds;</item>
/// <item><c>budget_table</c>: the regional budget table (JSON and CSV) equals the totals integrated anew from the daily NetCDF files;</item>
/// <item><c>zarr_equals_netcdf</c>: the Zarr store read back through GDAL equals the daily NetCDF files (<see cref="ZarrCheck"/>).</item>
/// </list>
/// </summary>
public static class ProductChecker
{
    /// <summary>The checks with the land fraction given whole (row-major, north row first).</summary>
    public static CheckReport Check(string folder, RunDescription run, float[] landFraction, CheckOptions? options = null)
    {
        using var land = LandFraction.Of(run.Grid.ToGrid(), landFraction);
        return Check(folder, run, land, options);
    }

    /// <summary>The checks with the land fraction read a block at a time (e.g. <see cref="LandFraction.OpenRun"/>).</summary>
    public static CheckReport Check(string folder, RunDescription run, LandFraction landFraction, CheckOptions? options = null)
    {
        options ??= CheckOptions.Default;
        var grid = run.Grid.ToGrid();
        var period = run.Period;
        var max = options.MaxListedFailures;
        var balance = new CheckResult("mass_balance", "NEE = RECO - GPP at every land pixel and day");
        var nonNegative = new CheckResult("non_negative", "GPP >= 0 and RECO >= 0 at every land pixel and day");
        var coverage = new CheckResult("land_coverage", "a value at every land pixel and day, fill over ocean");
        var monthlyMean = new CheckResult("monthly_mean", "monthly value = mean of the daily values");
        var geotiff = new CheckResult("geotiff_equals_netcdf", "COG values = NetCDF values (read back through GDAL)");
        var totals = new CheckResult("global_totals", "global totals in PgC/yr inside the configured bounds");
        var budgetTable = new CheckResult("budget_table", "regional budget table (JSON, CSV) = totals integrated from the daily NetCDF files");
        var zarr = new CheckResult("zarr_equals_netcdf", "Zarr store values (read back through GDAL's Zarr driver) = daily NetCDF values");

        var area = grid.RowCellAreas();
        var totalGrams = new double[FluxVariables.Fluxes.Count];
        var months = period.Months().ToList();
        var unreadableCogs = FindUnreadableCogs(folder, grid, months, geotiff, max);
        using var monthly = NetCdfFile.Open(Path.Combine(folder, ProductLayout.Monthly(period)));
        foreach (var v in FluxVariables.All)
            monthly.SetChunkCache(v.Name, 0, 1, 1f); // whole chunks, each read once
        var budget = new Budgets.RegionalBudget(grid, months);
        var spreadsFromMembers = FluxVariables.All
            .Where(v => v.IsUncertainty && monthly.GetVariable(v.Name).Attributes.GetText(CfFluxFile.SpreadMethodAttribute) == CfFluxFile.MembersSpread)
            .ToHashSet();
        using var classes = new DriverCube.RunClasses(run, grid);
        var state = new BlockState(grid, period, months, landFraction, area, options, totalGrams, unreadableCogs,
            balance, nonNegative, coverage, monthlyMean, geotiff, budget, classes, spreadsFromMembers);
        foreach (var block in ProductBlocks.Of(grid))
        {
            CheckBlock(folder, block, monthly, state);
            // A block's buffers (a dozen block-sized arrays, ~8 MB) are large-object garbage once it is checked;
            // left to the GC they pile up block after block, and finer grids have more blocks.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        }

        var yearFactor = 365.25 / period.Days / 1e15;
        for (var v = 0; v < FluxVariables.Fluxes.Count; v++)
        {
            var name = FluxVariables.Fluxes[v].Name;
            var pgPerYear = totalGrams[v] * yearFactor;
            totals.Figures[$"{name}_pgc_per_year"] = pgPerYear;
            if (options.TotalBounds.TryGetValue(name, out var bounds))
            {
                totals.Figures[$"{name}_min"] = bounds.Min;
                totals.Figures[$"{name}_max"] = bounds.Max;
                if (!(pgPerYear >= bounds.Min && pgPerYear <= bounds.Max))
                {
                    var advisory = options.AdvisoryTotals.Contains(name);
                    var finding = new CheckFailure(ProductLayout.Monthly(period), name, -1, -1, double.NaN, double.NaN, period.Key, pgPerYear,
                        $"global total {pgPerYear:F2} PgC/yr outside {bounds.Min}..{bounds.Max}{(advisory ? " (advisory bound, not enforced)" : "")}" +
                        (options.TotalBoundReasons.TryGetValue(name, out var reason) ? $" ({reason})" : ""));
                    if (advisory)
                        totals.Warn(finding);
                    else
                        totals.Fail(finding, max);
                }
            }
        }

        BudgetTableCheck.Compare(folder, period, budget.Result(run.RunId, period.Key), budgetTable, max);
        ZarrCheck.Compare(folder, grid, period, zarr, max);
        return new CheckReport(run.RunId, period.Key, Core.Time.ReproducibleClock.Now(), [balance, nonNegative, coverage, monthlyMean, geotiff, totals, budgetTable, zarr]);
    }

    /// <summary>What every block's checks share: the run, the options, the results and the running totals.</summary>
    private sealed record BlockState(RegularLatLonGrid Grid, DatePeriod Period, IReadOnlyList<DatePeriod> Months, LandFraction LandFraction, double[] Area,
        CheckOptions Options, double[] TotalGrams, HashSet<string> UnreadableCogs,
        CheckResult Balance, CheckResult NonNegative, CheckResult Coverage, CheckResult MonthlyMean, CheckResult Geotiff,
        Budgets.RegionalBudget Budget, DriverCube.RunClasses Classes, HashSet<FluxVariable> SpreadsFromMembers);

    /// <summary>Every check on one block, a day at a time: the daily values, the monthly means, the COGs.</summary>
    private static void CheckBlock(string folder, GridBlock block, NetCdfFile monthly, BlockState s)
    {
        var (grid, period, options) = (s.Grid, s.Period, s.Options);
        var max = options.MaxListedFailures;
        var cells = block.Cells;
        var gridIndex = new long[cells];
        for (var i = 0; i < cells; i++)
            gridIndex[i] = block.GridIndex(i, grid.Columns);
        var landFraction = s.LandFraction.Read(block);
        s.Budget.BeginBlock(block, landFraction, s.Classes.Read(block));
        // Blocks reused for every day and month: a day at a time, no garbage per step.
        var maps = FluxVariables.All.Select(_ => new float[cells]).ToArray();
        var stored = new float[cells];
        var cogValues = new double[cells];
        var sums = FluxVariables.All.Select(_ => new double[cells]).ToArray();
        var annualSums = new Dictionary<int, double[][]>();

        for (var mi = 0; mi < s.Months.Count; mi++)
        {
            var month = s.Months[mi];
            var dailyRelative = ProductLayout.Daily(month);
            foreach (var sum in sums)
                Array.Clear(sum);
            using (var daily = NetCdfFile.Open(Path.Combine(folder, dailyRelative)))
            {
                foreach (var v in FluxVariables.All)
                    daily.SetChunkCache(v.Name, 0, 1, 1f);
                for (var d = 0; d < month.Days; d++)
                {
                    var step = month.DateOf(d).ToString("yyyy-MM-dd");
                    for (var v = 0; v < maps.Length; v++)
                        daily.Read<float>(FluxVariables.All[v].Name, [d, block.Row0, block.Column0], [1, block.Rows, block.Columns], maps[v]);
                    var (gpp, reco, nee) = (maps[0], maps[1], maps[2]);
                    for (var i = 0; i < cells; i++)
                    {
                        var g = gridIndex[i];
                        var land = landFraction[i] > 0;
                        var (row, column) = ((int)(g / grid.Columns), (int)(g % grid.Columns));
                        CheckFailure Failure(string variable, double value, string detail) =>
                            new(dailyRelative, variable, row, column, grid.LatitudeOfRow(row), grid.LongitudeOfColumn(column), step, value, detail);
                        for (var v = 0; v < maps.Length; v++)
                        {
                            var value = maps[v][i];
                            var isFill = value == ProductFill.Value || float.IsNaN(value);
                            if (land && isFill)
                                s.Coverage.Fail(Failure(FluxVariables.All[v].Name, value, "no value over land"), max);
                            else if (!land && !isFill)
                                s.Coverage.Fail(Failure(FluxVariables.All[v].Name, value, "a value over ocean, where fill belongs"), max);
                            if (land && !isFill)
                                sums[v][i] += value;
                        }
                        if (!land || gpp[i] == ProductFill.Value || reco[i] == ProductFill.Value || nee[i] == ProductFill.Value)
                            continue;
                        var expected = (double)reco[i] - gpp[i];
                        var tolerance = options.BalanceAbsoluteTolerance + options.BalanceRelativeTolerance * (Math.Abs(gpp[i]) + Math.Abs(reco[i]));
                        if (!(Math.Abs(nee[i] - expected) <= tolerance))
                            s.Balance.Fail(Failure("nee", nee[i], $"RECO - GPP = {expected:G7}"), max);
                        if (!(gpp[i] >= 0))
                            s.NonNegative.Fail(Failure("gpp", gpp[i], "negative"), max);
                        if (!(reco[i] >= 0))
                            s.NonNegative.Fail(Failure("reco", reco[i], "negative"), max);
                        var weight = s.Area[row] * landFraction[i];
                        s.TotalGrams[0] += gpp[i] * weight;
                        s.TotalGrams[1] += reco[i] * weight;
                        s.TotalGrams[2] += nee[i] * weight;
                    }
                }
            }

            NativeHeap.ReleaseFreeMemory(); // what netCDF-C/HDF5 freed after decompressing the month's chunks
            var monthKey = month.First.ToString("yyyy-MM");
            for (var v = 0; v < FluxVariables.All.Count; v++)
                s.Budget.AddMonth(mi, v, sums[v]);
            for (var v = 0; v < FluxVariables.All.Count; v++)
            {
                var variable = FluxVariables.All[v];
                monthly.Read<float>(variable.Name, [mi, block.Row0, block.Column0], [1, block.Rows, block.Columns], stored);
                for (var i = 0; i < cells; i++)
                {
                    var g = gridIndex[i];
                    if (!(landFraction[i] > 0))
                        continue;
                    var mean = sums[v][i] / month.Days;
                    var tolerance = options.MeanRelativeTolerance * Math.Max(1, Math.Abs(mean));
                    // std(mean of the days) <= mean of the days' std across members (the standard deviation is a seminorm).
                    var bounded = s.SpreadsFromMembers.Contains(variable);
                    if (bounded ? !(stored[i] >= 0 && stored[i] <= mean + tolerance) : !(Math.Abs(stored[i] - mean) <= tolerance))
                    {
                        var (row, column) = ((int)(g / grid.Columns), (int)(g % grid.Columns));
                        s.MonthlyMean.Fail(new CheckFailure(ProductLayout.Monthly(period), variable.Name, row, column,
                            grid.LatitudeOfRow(row), grid.LongitudeOfColumn(column), monthKey, stored[i],
                            bounded ? $"a members' spread within 0..{mean:G7} (the mean of the daily spreads)" : $"mean of the daily values = {mean:G7}"), max);
                    }
                }
                if (variable.IsUncertainty)
                    continue;
                CompareCog(folder, ProductLayout.MonthlyCog(variable, month), variable.Name, monthKey, grid, block, stored, cogValues, 0, s);
                if (!annualSums.TryGetValue(month.First.Year, out var annual))
                    annualSums[month.First.Year] = annual = FluxVariables.Fluxes.Select(_ => new double[cells]).ToArray();
                for (var i = 0; i < cells; i++)
                    annual[v][i] += sums[v][i];
            }

            // A year's annual COGs once its last month is summed (only complete years have them).
            if (mi == s.Months.Count - 1 || s.Months[mi + 1].First.Year != month.First.Year)
            {
                var year = month.First.Year;
                var annual = annualSums[year];
                annualSums.Remove(year);
                var daysInYear = DatePeriod.Year(year).Days;
                for (var v = 0; v < FluxVariables.Fluxes.Count; v++)
                {
                    var relative = ProductLayout.AnnualCog(FluxVariables.Fluxes[v], year);
                    if (!File.Exists(Path.Combine(folder, relative)))
                        continue;
                    for (var i = 0; i < cells; i++)
                        stored[i] = landFraction[i] > 0 ? (float)(annual[v][i] / daysInYear) : ProductFill.Value;
                    CompareCog(folder, relative, FluxVariables.Fluxes[v].Name, year.ToString("D4"), grid, block, stored, cogValues, options.MeanRelativeTolerance, s);
                }
            }
        }
    }

    /// <summary>The COGs that are missing or of the wrong size, each reported once (not once per block).</summary>
    private static HashSet<string> FindUnreadableCogs(string folder, RegularLatLonGrid grid, IReadOnlyList<DatePeriod> months, CheckResult result, int max)
    {
        var unreadable = new HashSet<string>();
        foreach (var month in months)
            foreach (var v in FluxVariables.Fluxes)
            {
                var relative = ProductLayout.MonthlyCog(v, month);
                var path = Path.Combine(folder, relative);
                var step = month.First.ToString("yyyy-MM");
                if (!File.Exists(path))
                {
                    result.Fail(new CheckFailure(relative, v.Name, -1, -1, double.NaN, double.NaN, step, double.NaN, "file missing"), max);
                    unreadable.Add(relative);
                }
            }
        foreach (var path in Directory.EnumerateFiles(Path.Combine(folder, "cog"), "*.tif").Order(StringComparer.Ordinal))
        {
            using var raster = GdalRaster.Open(path);
            if (raster.Width == grid.Columns && raster.Height == grid.Rows)
                continue;
            var relative = Path.GetRelativePath(folder, path);
            result.Fail(new CheckFailure(relative, Path.GetFileNameWithoutExtension(path).Split('_')[0], -1, -1, double.NaN, double.NaN,
                Path.GetFileNameWithoutExtension(path).Split('_')[^1], double.NaN, $"size {raster.Width}x{raster.Height}, grid {grid.Columns}x{grid.Rows}"), max);
            unreadable.Add(relative);
        }
        return unreadable;
    }

    /// <summary>Reads one block of a COG through GDAL and compares it with the expected values (fill where nodata), relative tolerance.</summary>
    private static void CompareCog(string folder, string relative, string variable, string step, RegularLatLonGrid grid, GridBlock block,
        float[] expected, double[] values, double tolerance, BlockState s)
    {
        if (s.UnreadableCogs.Contains(relative))
            return;
        using var raster = GdalRaster.Open(Path.Combine(folder, relative));
        raster.ReadBandWindow(1, block.Column0, block.Row0, block.Columns, block.Rows, values);
        for (var i = 0; i < values.Length; i++)
        {
            var e = expected[i];
            var a = values[i];
            var ok = e == ProductFill.Value || float.IsNaN(e)
                ? a == ProductFill.Value
                : Math.Abs(a - e) <= tolerance * Math.Max(1, Math.Abs(e));
            if (!ok)
            {
                var g = block.GridIndex(i, grid.Columns);
                var (row, column) = ((int)(g / grid.Columns), (int)(g % grid.Columns));
                s.Geotiff.Fail(new CheckFailure(relative, variable, row, column, grid.LatitudeOfRow(row), grid.LongitudeOfColumn(column), step, a, $"NetCDF holds {e:G7}"), s.Options.MaxListedFailures);
            }
        }
    }

}
