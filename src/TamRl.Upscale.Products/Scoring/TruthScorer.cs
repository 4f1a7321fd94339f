using ScottPlot;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Products.Checks;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.IO.Files;

namespace TamRl.Upscale.Products.Scoring;

/// <summary>
/// Scores published daily products against truth grids: global RMSE and bias per flux (plain and
/// weighted by land area), a map of the mean error per flux, the zonal means of product and truth and the
/// regional carbon budgets of both (<see cref="CarbonBudget"/>: Pg C/yr globally and by continent, latitude band,
/// IGBP, Koppen and domain flag, the NEE error split into its GPP and RECO parts), written to <c>OUT/reports/</c>
/// (score.json, score.md, PNGs). Reads a day at a time.
/// </summary>
public static class TruthScorer
{
    /// <param name="classes">
    /// The grid's static fields (land fraction is taken from the run; IGBP and Koppen from here) for the regional
    /// budgets; null: read from the run's driver cube, or every class unknown when that cube is gone.
    /// </param>
    /// <param name="towers">The training towers' positions, to set their sampling beside the land's regions; null: none.</param>
    public static ScoreReport Score(string runDir, string periodFolder, string truthFolder, string reportsDir, StaticWindow? classes = null,
        IEnumerable<(double Latitude, double Longitude)>? towers = null)
    {
        var run = RunDescription.Load(runDir);
        var land = RunDescription.LoadLandFraction(runDir);
        var grid = run.Grid.ToGrid();
        var cells = grid.Rows * grid.Columns;
        var area = grid.RowCellAreas();
        Directory.CreateDirectory(reportsDir);

        var fluxes = FluxVariables.Fluxes;
        var sq = new double[fluxes.Count];
        var err = new double[fluxes.Count];
        var wsq = new double[fluxes.Count];
        var werr = new double[fluxes.Count];
        var weight = new double[fluxes.Count];
        var count = new long[fluxes.Count];
        var errorSum = fluxes.Select(_ => new double[cells]).ToArray();
        var errorCount = fluxes.Select(_ => new int[cells]).ToArray();
        var zonalProduct = fluxes.Select(_ => new double[grid.Rows]).ToArray();
        var zonalTruth = fluxes.Select(_ => new double[grid.Rows]).ToArray();
        var zonalCount = fluxes.Select(_ => new long[grid.Rows]).ToArray();

        classes ??= ReadClasses(run, grid);
        var budget = new CarbonBudget(grid, land, classes.Igbp, classes.Koppen, ReadDomainFlags(periodFolder, run));
        if (towers is not null)
            budget.AddTowers(towers);
        using var truth = new TruthGrids(truthFolder, grid);
        foreach (var month in run.Period.Months())
        {
            using var daily = NetCdfFile.Open(Path.Combine(periodFolder, ProductLayout.Daily(month)));
            var spreads = FluxVariables.All.Where(f => f.IsUncertainty).Select(f => f.Name).ToList();
            var hasSpread = spreads.All(daily.HasVariable);
            for (var d = 0; d < month.Days; d++)
            {
                var productMaps = fluxes.Select(f => daily.Read<float>(f.Name, [d, 0, 0], [1, grid.Rows, grid.Columns])).ToArray();
                var truthMaps = fluxes.Select(f => truth.ReadDay(f.Name, month.DateOf(d))).ToArray();
                var spreadMaps = hasSpread ? spreads.Select(name => daily.Read<float>(name, [d, 0, 0], [1, grid.Rows, grid.Columns])).ToArray() : null;
                budget.AddDay(productMaps, truthMaps, spreadMaps);
                for (var v = 0; v < fluxes.Count; v++)
                {
                    var product = productMaps[v];
                    var truthMap = truthMaps[v];
                    for (var i = 0; i < cells; i++)
                    {
                        var p = product[i];
                        var t = truthMap[i];
                        if (!(land[i] > 0) || p == ProductFill.Value || !float.IsFinite(p) || !float.IsFinite(t))
                            continue;
                        var e = (double)p - t;
                        var w = area[i / grid.Columns] * land[i];
                        sq[v] += e * e;
                        err[v] += e;
                        wsq[v] += w * e * e;
                        werr[v] += w * e;
                        weight[v] += w;
                        count[v]++;
                        errorSum[v][i] += e;
                        errorCount[v][i]++;
                        zonalProduct[v][i / grid.Columns] += p;
                        zonalTruth[v][i / grid.Columns] += t;
                        zonalCount[v][i / grid.Columns]++;
                    }
                }
            }
        }

        var scores = new List<FluxScore>();
        var figures = new List<string>();
        for (var v = 0; v < fluxes.Count; v++)
        {
            var name = fluxes[v].Name;
            scores.Add(new FluxScore(name,
                count[v] > 0 ? Math.Sqrt(sq[v] / count[v]) : double.NaN, count[v] > 0 ? err[v] / count[v] : double.NaN, count[v],
                weight[v] > 0 ? Math.Sqrt(wsq[v] / weight[v]) : double.NaN, weight[v] > 0 ? werr[v] / weight[v] : double.NaN));

            var errorMap = new float[cells];
            for (var i = 0; i < cells; i++)
                errorMap[i] = errorCount[v][i] > 0 ? (float)(errorSum[v][i] / errorCount[v][i]) : float.NaN;
            var mapFile = $"error_map_{name}.png";
            Quicklook.WriteMap(Path.Combine(reportsDir, mapFile), grid, errorMap, $"{name}: mean error (product - truth), {run.Period.Key}",
                $"{name} error ({FluxVariable.Units}, carbon)", diverging: true);
            figures.Add(mapFile);

            var zonalFile = $"zonal_mean_{name}.png";
            WriteZonal(Path.Combine(reportsDir, zonalFile), grid, name, zonalProduct[v], zonalTruth[v], zonalCount[v], run.Period.Key);
            figures.Add(zonalFile);
        }

        var report = new ScoreReport(run.Period.Key, truthFolder, scores, figures, budget.Result());
        AtomicFile.WriteAllText(Path.Combine(reportsDir, "score.json"), report.ToJson());
        AtomicFile.WriteAllText(Path.Combine(reportsDir, "score.md"), report.ToMarkdown());
        return report;
    }

    /// <summary>The published domain_flags map of the period (Domain.DomainMap), or null when the product has none.</summary>
    private static short[]? ReadDomainFlags(string periodFolder, RunDescription run)
    {
        var path = Path.Combine(periodFolder, Domain.DomainMap.FileName(run.Period));
        if (!File.Exists(path))
            return null;
        using var file = NetCdfFile.Open(path);
        return file.Read<short>(Domain.DomainMap.FlagsVariable);
    }

    /// <summary>The IGBP and Koppen classes of the run's driver cube, the whole grid; all unknown when the cube is not there.</summary>
    private static StaticWindow ReadClasses(RunDescription run, Core.Grid.RegularLatLonGrid grid)
    {
        using var classes = new RunClasses(run, grid);
        return classes.Read(new GridBlock(0, grid.Rows, 0, grid.Columns));
    }

    private static void WriteZonal(string path, Core.Grid.RegularLatLonGrid grid, string name, double[] product, double[] truth, long[] count, string period)
    {
        var rows = Enumerable.Range(0, grid.Rows).Where(r => count[r] > 0).ToArray();
        var lat = rows.Select(r => grid.LatitudeOfRow(r)).ToArray();
        var plot = new Plot();
        var p = plot.Add.Scatter(rows.Select(r => product[r] / count[r]).ToArray(), lat);
        p.LegendText = "product";
        var t = plot.Add.Scatter(rows.Select(r => truth[r] / count[r]).ToArray(), lat);
        t.LegendText = "truth";
        plot.ShowLegend();
        plot.Title($"{name}: zonal mean over land, {period}");
        plot.XLabel($"{name} ({FluxVariable.Units}, carbon)");
        plot.YLabel("latitude (degrees north)");
        Quicklook.Save(plot, path, 700, 600);
    }
}
