using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TamRl.Upscale.Model.TamRl;

namespace TamRl.Upscale.Model.Evaluation;

/// <summary>
/// reports/evaluation.json (schemas/evaluation.schema.json) and reports/evaluation.md (the paper's table:
/// mean per-site RMSE and R2 of GPP and NEE per model, with RECO and nMAE beside it, per split).
/// </summary>
public static class EvaluationReport
{
    public const int SchemaVersion = 1;

    public static JsonObject ToJson(EvaluationSummary summary, IReadOnlyDictionary<string, string>? provenance = null, CarbonBenchResults? carbonBench = null)
    {
        var splits = new JsonObject();
        foreach (var split in summary.Splits)
        {
            var models = new JsonObject();
            foreach (var model in summary.Models)
            {
                var fluxes = new JsonObject();
                foreach (var flux in Fluxes.Names)
                {
                    var m = summary.Mean(split, model, flux);
                    if (m is null)
                        continue;
                    var paired = model == EvaluationSummary.TreesModel ? null : summary.CompareWithTrees(split, model, flux);
                    fluxes[flux] = new JsonObject
                    {
                        ["rmse"] = Number(m.Rmse),
                        ["r2"] = Number(m.R2),
                        ["median_rmse"] = Number(m.MedianRmse),
                        ["median_r2"] = Number(m.MedianR2),
                        ["versus_trees"] = paired is null ? null : new JsonObject
                        {
                            ["repeats"] = paired.Repeats,
                            ["ratio_mean"] = Number(paired.RatioMean),
                            ["ratio_ci95"] = paired.RatioLow is { } lo ? new JsonArray(Number(lo), Number(paired.RatioHigh!.Value)) : null,
                            ["ratio_per_repeat"] = new JsonArray(paired.RatioPerRepeat.Select(Number).ToArray()),
                            ["pairs"] = paired.Pairs,
                            ["paired_sites"] = paired.Sites,
                            ["wins"] = paired.Wins,
                            ["losses"] = paired.Losses,
                            ["sign_test_p"] = Number(paired.SignTestP),
                            ["pooled_ratio"] = Number(paired.PooledRatio),
                            ["pooled_ratio_bootstrap_ci95"] = new JsonArray(Number(paired.BootstrapLow), Number(paired.BootstrapHigh)),
                        },
                        ["nmae"] = Number(m.Nmae),
                        ["sites"] = m.Sites,
                        ["rmse_relative_to_trees"] = m.RmseRelativeToTrees is { } r ? Number(r) : null,
                        ["rmse_by_igbp"] = Classes(summary.MeanRmseByClass(split, model, flux, byKoppen: false)),
                        ["rmse_by_koppen"] = Classes(summary.MeanRmseByClass(split, model, flux, byKoppen: true)),
                    };
                }
                models[model] = fluxes;
            }
            var sites = new JsonArray();
            foreach (var r in summary.Results.Where(r => r.Split == split))
                sites.Add(new JsonObject
                {
                    ["site"] = r.Site, ["repeat"] = r.Repeat, ["igbp"] = r.Igbp, ["koppen"] = r.Koppen, ["model"] = r.Model, ["flux"] = r.Flux,
                    ["rmse"] = Number(r.Metrics.Rmse), ["r2"] = Number(r.Metrics.R2), ["nmae"] = Number(r.Metrics.Nmae), ["days"] = r.Metrics.Days,
                });
            var entry = new JsonObject { ["models"] = models, ["sites"] = sites };
            if (carbonBench is not null)
                entry["carbonbench"] = CarbonBenchJson(summary, split, carbonBench);
            splits[split] = entry;
        }
        var root = new JsonObject
        {
            ["schema_version"] = SchemaVersion,
            ["units"] = "rmse in g C m-2 d-1; r2 and nmae dimensionless; test days are those whose NEE QC reaches the configured minimum (provenance: minimum_test_qc; 1 as in the paper)",
            ["repeats"] = new JsonArray(summary.Repeats.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
            ["splits"] = splits,
        };
        if (provenance is not null)
            root["provenance"] = new JsonObject(provenance.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
        return root;
    }

    /// <summary>CarbonBench's per-site RMSE beside ours, for the held-out sites both scored (context: other inputs, other splits).</summary>
    private static JsonArray CarbonBenchJson(EvaluationSummary summary, string split, CarbonBenchResults carbonBench)
    {
        var rows = new JsonArray();
        foreach (var group in summary.Results.Where(r => r.Split == split).GroupBy(r => (r.Site, r.Flux)).OrderBy(g => g.Key.Site, StringComparer.Ordinal))
        {
            var theirs = new JsonObject();
            foreach (var model in carbonBench.Models)
                if (carbonBench.Rmse(model, split, group.Key.Flux, group.Key.Site) is { } v)
                    theirs[model] = Number(v);
            if (theirs.Count == 0)
                continue;
            var ours = new JsonObject();
            foreach (var byModel in group.GroupBy(r => r.Model))
                ours[byModel.Key] = Number(byModel.Average(r => r.Metrics.Rmse));
            rows.Add(new JsonObject { ["site"] = group.Key.Site, ["flux"] = group.Key.Flux, ["ours"] = ours, ["carbonbench"] = theirs });
        }
        return rows;
    }

    /// <summary>
    /// The per-site results and provenance of a written evaluation.json, so the reports can be rewritten from them
    /// (<c>tamrl evaluate --report-only</c>) without training again. Scores written as null read back as NaN.
    /// </summary>
    public static (IReadOnlyList<SiteResult> Results, IReadOnlyDictionary<string, string> Provenance) Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new Core.Errors.InvalidInputException(full, null, "evaluation report not found (run tamrl evaluate first)");
        var root = JsonNode.Parse(File.ReadAllText(full)) as JsonObject
            ?? throw new Core.Errors.InvalidInputException(full, null, "expected a JSON object");
        if (root["schema_version"]?.GetValue<int>() != SchemaVersion)
            throw new Core.Errors.InvalidInputException(full, "schema_version", $"expected {SchemaVersion}");
        static double Score(JsonNode? n) => n is null ? double.NaN : n.GetValue<double>();
        var results = new List<SiteResult>();
        foreach (var (split, body) in root["splits"]!.AsObject())
            foreach (var site in body!["sites"]!.AsArray())
                results.Add(new SiteResult(split, site!["site"]!.GetValue<string>(), site["igbp"]!.GetValue<string>(), site["koppen"]!.GetValue<string>(),
                    site["model"]!.GetValue<string>(), site["flux"]!.GetValue<string>(),
                    new FluxMetrics(Score(site["rmse"]), Score(site["r2"]), Score(site["nmae"]), site["days"]!.GetValue<int>()))
                {
                    Repeat = site["repeat"]?.GetValue<int>() ?? 0,
                });
        var provenance = (root["provenance"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>())
                         ?? new Dictionary<string, string>();
        return (results, provenance);
    }

    private static JsonObject Classes(IReadOnlyDictionary<string, double> values) =>
        new(values.Select(v => KeyValuePair.Create(v.Key, Number(v.Value))));

    /// <summary>JSON has no NaN: undefined scores (a site without variance) are written as null.</summary>
    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 6)) : null;

    public static string ToMarkdown(EvaluationSummary summary, string title, CarbonBenchResults? carbonBench = null, double minimumTestQc = 1)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine($"# {title}").AppendLine();
        var repeats = summary.Repeats.Count > 1 || summary.Repeats.Any(r => r != 0)
            ? $" Each split was drawn {summary.Repeats.Count} times (seeds {string.Join(", ", summary.Repeats)}); means and medians pool every held-out (site, repeat)."
            : "";
        text.AppendLine($"Mean per-site scores on held-out sites, test days with NEE QC >= {minimumTestQc.ToString("0.##", c)}; RMSE in g C m-2 d-1. " +
                        "\"vs trees\" is the model's mean RMSE over the trees baseline's on the same sites (below 1 is better)." + repeats).AppendLine();
        foreach (var split in summary.Splits)
        {
            text.AppendLine($"## Split stratified by {(split == "igbp" ? "IGBP" : split == "koppen" ? "Koppen" : split)}").AppendLine();
            text.AppendLine("| model | sites | GPP RMSE | GPP R2 | NEE RMSE | NEE R2 | RECO RMSE | RECO R2 | GPP nMAE | NEE nMAE | GPP vs trees | NEE vs trees |");
            text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var model in summary.Models)
            {
                var g = summary.Mean(split, model, "gpp");
                var n = summary.Mean(split, model, "nee");
                var r = summary.Mean(split, model, "reco");
                string F(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("F2", c) : "-";
                string F3(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("F3", c) : "-";
                text.AppendLine($"| {Display(model)} | {g?.Sites ?? 0} | {F(g?.Rmse)} | {F(g?.R2)} | {F(n?.Rmse)} | {F(n?.R2)} | {F(r?.Rmse)} | {F(r?.R2)} | {F(g?.Nmae)} | {F(n?.Nmae)} | {F3(g?.RmseRelativeToTrees)} | {F3(n?.RmseRelativeToTrees)} |");
            }
            text.AppendLine();
            text.AppendLine("Medians of the per-site scores (a mean of per-site R2 is dominated by a few low-variance sites):").AppendLine();
            text.AppendLine("| model | GPP RMSE | GPP R2 | NEE RMSE | NEE R2 | RECO RMSE | RECO R2 |");
            text.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var model in summary.Models)
            {
                string F(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("F2", c) : "-";
                var (g, n, r) = (summary.Mean(split, model, "gpp"), summary.Mean(split, model, "nee"), summary.Mean(split, model, "reco"));
                text.AppendLine($"| {Display(model)} | {F(g?.MedianRmse)} | {F(g?.MedianR2)} | {F(n?.MedianRmse)} | {F(n?.MedianR2)} | {F(r?.MedianRmse)} | {F(r?.MedianR2)} |");
            }
            text.AppendLine();
            text.AppendLine("Against the trees on the same held-out sites: the ratio of mean RMSEs per repeat (mean, 95 % t interval across repeats), " +
                            "wins/losses of per-site RMSE (a site's RMSE averaged over the repeats that held it out) with a two-sided sign test, and the " +
                            "pooled ratio over every (site, repeat) with a 95 % bootstrap interval resampling whole sites:").AppendLine();
            text.AppendLine("| model | flux | repeats | ratio (mean) | 95 % CI (repeats) | wins / losses | sign test p | pooled ratio | 95 % CI (bootstrap) |");
            text.AppendLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var model in summary.Models.Where(m => m != EvaluationSummary.TreesModel))
                foreach (var flux in new[] { "gpp", "nee", "reco" })
                    if (summary.CompareWithTrees(split, model, flux) is { } p)
                        text.AppendLine($"| {Display(model)} | {flux.ToUpperInvariant()} | {p.Repeats} | {p.RatioMean.ToString("F3", c)} | " +
                                        $"{(p.RatioLow is { } lo ? $"{lo.ToString("F3", c)}-{p.RatioHigh!.Value.ToString("F3", c)}" : "-")} | {p.Wins} / {p.Losses} | " +
                                        $"{p.SignTestP.ToString("G2", c)} | {p.PooledRatio.ToString("F3", c)} | {p.BootstrapLow.ToString("F3", c)}-{p.BootstrapHigh.ToString("F3", c)} |");
            text.AppendLine();
            if (carbonBench is not null)
                AppendCarbonBench(text, summary, split, carbonBench);
            foreach (var byKoppen in new[] { false, true })
            {
                var classes = summary.Models.SelectMany(m => summary.MeanRmseByClass(split, m, "gpp", byKoppen).Keys).Distinct().Order(StringComparer.Ordinal).ToList();
                text.AppendLine($"Mean GPP RMSE by {(byKoppen ? "Koppen main class" : "IGBP class")}:").AppendLine();
                text.AppendLine("| model | " + string.Join(" | ", classes) + " |");
                text.AppendLine("|---|" + string.Concat(classes.Select(_ => "---|")));
                foreach (var model in summary.Models)
                {
                    var values = summary.MeanRmseByClass(split, model, "gpp", byKoppen);
                    text.AppendLine($"| {Display(model)} | " + string.Join(" | ", classes.Select(k => values.TryGetValue(k, out var v) ? v.ToString("F2", c) : "-")) + " |");
                }
                text.AppendLine();
            }
        }
        text.AppendLine("For reference, the paper's table (FLUXNET sites, daily, its own splits): TAM-RL GPP RMSE 1.97 / R2 0.43, NEE RMSE 1.62 / R2 0.23; " +
                        "XGBoost GPP 2.17 / 0.34, NEE 1.76 / 0.16; CT-LSTM GPP 2.03 / 0.42, NEE 1.67 / 0.21; TAMLSTM GPP 2.04 / 0.40, NEE 1.63 / 0.21.");
        return text.ToString();
    }

    private static string Display(string model) => EvaluationSummary.DisplayName(model);

    /// <summary>Mean RMSE over the held-out sites both projects scored: ours (pooled over repeats) and CarbonBench's.</summary>
    private static void AppendCarbonBench(StringBuilder text, EvaluationSummary summary, string split, CarbonBenchResults carbonBench)
    {
        var c = CultureInfo.InvariantCulture;
        text.AppendLine($"CarbonBench's own per-site RMSE ({carbonBench.Folder}; its inputs are ERA5-Land and MODIS, its test sites and USTAR50 targets differ), " +
                        "on the held-out sites both scored, as context, not as a comparison of equals:").AppendLine();
        text.AppendLine("| flux | sites | " + string.Join(" | ", summary.Models.Select(m => $"ours: {Display(m)}")) + " | " +
                        string.Join(" | ", carbonBench.Models.Select(m => $"CarbonBench: {m}")) + " |");
        text.AppendLine("|---|---|" + string.Concat(summary.Models.Concat(carbonBench.Models).Select(_ => "---|")));
        foreach (var flux in new[] { "gpp", "nee" })
        {
            var sites = summary.Results.Where(r => r.Split == split && r.Flux == flux).Select(r => r.Site).Distinct()
                .Where(s => carbonBench.Models.All(m => carbonBench.Rmse(m, split, flux, s) is not null)).ToList();
            if (sites.Count == 0)
                continue;
            var ours = summary.Models.Select(m => summary.Results.Where(r => r.Split == split && r.Flux == flux && r.Model == m && sites.Contains(r.Site))
                .Select(r => r.Metrics.Rmse).DefaultIfEmpty(double.NaN).Average());
            var theirs = carbonBench.Models.Select(m => sites.Average(s => carbonBench.Rmse(m, split, flux, s)!.Value));
            text.AppendLine($"| {flux.ToUpperInvariant()} | {sites.Count} | " + string.Join(" | ", ours.Concat(theirs).Select(v => double.IsFinite(v) ? v.ToString("F2", c) : "-")) + " |");
        }
        text.AppendLine();
    }

    /// <summary>Writes reports/evaluation.json, reports/evaluation.md and the figures under <paramref name="reportsDirectory"/>.</summary>
    public static void Write(string reportsDirectory, EvaluationSummary summary, string title, IReadOnlyDictionary<string, string>? provenance = null,
        CarbonBenchResults? carbonBench = null)
    {
        Directory.CreateDirectory(reportsDirectory);
        var minimumQc = provenance is not null && provenance.TryGetValue("minimum_test_qc", out var q)
            ? double.Parse(q, CultureInfo.InvariantCulture) : FluxMetrics.DefaultMinimumQc;
        File.WriteAllText(Path.Combine(reportsDirectory, "evaluation.json"), ToJson(summary, provenance, carbonBench).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllText(Path.Combine(reportsDirectory, "evaluation.md"), ToMarkdown(summary, title, carbonBench, minimumQc));
        EvaluationFigures.Write(Path.Combine(reportsDirectory, "figures"), summary);
    }
}
