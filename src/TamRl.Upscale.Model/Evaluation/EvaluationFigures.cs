using ScottPlot;
using TamRl.Upscale.Model.TamRl;

namespace TamRl.Upscale.Model.Evaluation;

/// <summary>
/// The paper's figures as PNG, per split: mean RMSE by IGBP class and by Koppen main class for every
/// model (its Fig. 3), a heat map of RMSE relative to the trees baseline by class (Fig. 4), and per-site
/// RMSE and R2 of TAM-RL against the trees baseline coloured by Koppen main class (Fig. 5).
/// </summary>
public static class EvaluationFigures
{
    private const int Width = 1000;
    private const int Height = 560;

    public static IReadOnlyList<string> Write(string directory, EvaluationSummary summary)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var split in summary.Splits)
            foreach (var flux in new[] { "gpp", "nee" })
            {
                foreach (var byKoppen in new[] { false, true })
                {
                    var grouping = byKoppen ? "koppen" : "igbp";
                    written.Add(RmseByClass(Path.Combine(directory, $"rmse_by_{grouping}_{flux}_{split}.png"), summary, split, flux, byKoppen));
                    if (summary.Models.Contains(EvaluationSummary.TreesModel) && summary.Models.Count > 1)
                        written.Add(RelativeHeatmap(Path.Combine(directory, $"rmse_relative_to_trees_{grouping}_{flux}_{split}.png"), summary, split, flux, byKoppen));
                }
                var tamRl = ModelKinds.Name(ModelKind.TamRl);
                if (summary.Models.Contains(tamRl) && summary.Models.Contains(EvaluationSummary.TreesModel))
                {
                    written.Add(SiteScatter(Path.Combine(directory, $"sites_rmse_{flux}_{split}.png"), summary, split, flux, r => r.Metrics.Rmse, "RMSE (g C m-2 d-1)"));
                    written.Add(SiteScatter(Path.Combine(directory, $"sites_r2_{flux}_{split}.png"), summary, split, flux, r => r.Metrics.R2, "R2"));
                }
            }
        return written;
    }

    private static string Label(string flux) => flux.ToUpperInvariant();

    private static string RmseByClass(string path, EvaluationSummary summary, string split, string flux, bool byKoppen)
    {
        var plot = new Plot();
        var classes = summary.Models.SelectMany(m => summary.MeanRmseByClass(split, m, flux, byKoppen).Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var models = summary.Models;
        var width = 0.8 / Math.Max(models.Count, 1);
        for (var m = 0; m < models.Count; m++)
        {
            var values = summary.MeanRmseByClass(split, models[m], flux, byKoppen);
            var bars = new List<Bar>();
            for (var c = 0; c < classes.Count; c++)
                if (values.TryGetValue(classes[c], out var v))
                    bars.Add(new Bar { Position = c + (m - (models.Count - 1) / 2.0) * width, Value = v, Size = width * 0.95, FillColor = palette.GetColor(m) });
            var added = plot.Add.Bars(bars);
            added.LegendText = Display(models[m]);
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, classes.Count).Select(i => (double)i).ToArray(), classes.ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title($"Mean {Label(flux)} RMSE by {(byKoppen ? "Koppen main class" : "IGBP class")} ({split} split)");
        plot.YLabel("RMSE (g C m-2 d-1)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static string RelativeHeatmap(string path, EvaluationSummary summary, string split, string flux, bool byKoppen)
    {
        var models = summary.Models.Where(m => m != EvaluationSummary.TreesModel).ToList();
        var classes = models.SelectMany(m => summary.RelativeRmseByClass(split, m, flux, byKoppen).Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var values = new double[models.Count, Math.Max(classes.Count, 1)];
        for (var m = 0; m < models.Count; m++)
        {
            var relative = summary.RelativeRmseByClass(split, models[m], flux, byKoppen);
            for (var c = 0; c < classes.Count; c++)
                values[m, c] = relative.TryGetValue(classes[c], out var v) ? v : double.NaN;
        }
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap).Label = "RMSE / trees RMSE";
        for (var m = 0; m < models.Count; m++)
            for (var c = 0; c < classes.Count; c++)
                if (double.IsFinite(values[m, c]))
                {
                    var text = plot.Add.Text(values[m, c].ToString("F2", System.Globalization.CultureInfo.InvariantCulture), c, models.Count - 1 - m);
                    text.LabelFontColor = Colors.White;
                    text.LabelAlignment = Alignment.MiddleCenter;
                }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, classes.Count).Select(i => (double)i).ToArray(), classes.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, models.Count).Select(i => (double)(models.Count - 1 - i)).ToArray(), models.Select(Display).ToArray());
        plot.Title($"{Label(flux)} RMSE relative to the trees baseline by {(byKoppen ? "Koppen main class" : "IGBP class")} ({split} split)");
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static string SiteScatter(string path, EvaluationSummary summary, string split, string flux, Func<SiteResult, double> value, string axis)
    {
        var tamRl = summary.Results.Where(r => r.Split == split && r.Flux == flux && r.Model == ModelKinds.Name(ModelKind.TamRl)).ToDictionary(r => (r.Site, r.Repeat));
        var trees = summary.Results.Where(r => r.Split == split && r.Flux == flux && r.Model == EvaluationSummary.TreesModel).ToDictionary(r => (r.Site, r.Repeat)); // a site held out in several repeats is a point per repeat
        var pairs = tamRl.Keys.Where(trees.ContainsKey).Select(s => (Trees: trees[s], TamRl: tamRl[s]))
            .Where(p => double.IsFinite(value(p.Trees)) && double.IsFinite(value(p.TamRl))).ToList();
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var groups = pairs.GroupBy(p => EvaluationSummary.KoppenMain(p.TamRl.Koppen)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        for (var g = 0; g < groups.Count; g++)
        {
            var points = plot.Add.ScatterPoints(groups[g].Select(p => value(p.Trees)).ToArray(), groups[g].Select(p => value(p.TamRl)).ToArray());
            points.Color = palette.GetColor(g);
            points.MarkerSize = 8;
            points.LegendText = $"Koppen {groups[g].Key}";
        }
        if (pairs.Count > 0)
        {
            var all = pairs.SelectMany(p => new[] { value(p.Trees), value(p.TamRl) }).ToList();
            var (lo, hi) = (all.Min(), all.Max());
            var line = plot.Add.Line(lo, lo, hi, hi);
            line.LineColor = Colors.Gray;
            line.LinePattern = LinePattern.Dashed;
        }
        plot.Title($"Per-site {Label(flux)} {axis.Split(' ')[0]}: TAM-RL against trees ({split} split)");
        plot.XLabel($"trees baseline {axis}");
        plot.YLabel($"TAM-RL {axis}");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static string Display(string model) => EvaluationSummary.DisplayName(model);
}
