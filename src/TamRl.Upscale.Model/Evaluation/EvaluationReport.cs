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

    public static JsonObject ToJson(EvaluationSummary summary, IReadOnlyDictionary<string, string>? provenance = null)
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
                    fluxes[flux] = new JsonObject
                    {
                        ["rmse"] = Number(m.Rmse),
                        ["r2"] = Number(m.R2),
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
                    ["site"] = r.Site, ["igbp"] = r.Igbp, ["koppen"] = r.Koppen, ["model"] = r.Model, ["flux"] = r.Flux,
                    ["rmse"] = Number(r.Metrics.Rmse), ["r2"] = Number(r.Metrics.R2), ["nmae"] = Number(r.Metrics.Nmae), ["days"] = r.Metrics.Days,
                });
            splits[split] = new JsonObject { ["models"] = models, ["sites"] = sites };
        }
        var root = new JsonObject
        {
            ["schema_version"] = SchemaVersion,
            ["units"] = "rmse in g C m-2 d-1; r2 and nmae dimensionless; test days are those with NEE_VUT_USTAR50_QC == 1",
            ["splits"] = splits,
        };
        if (provenance is not null)
            root["provenance"] = new JsonObject(provenance.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
        return root;
    }

    private static JsonObject Classes(IReadOnlyDictionary<string, double> values) =>
        new(values.Select(v => KeyValuePair.Create(v.Key, Number(v.Value))));

    /// <summary>JSON has no NaN: undefined scores (a site without variance) are written as null.</summary>
    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 6)) : null;

    public static string ToMarkdown(EvaluationSummary summary, string title)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine($"# {title}").AppendLine();
        text.AppendLine("Mean per-site scores on held-out sites, test days with NEE_VUT_USTAR50_QC = 1; RMSE in g C m-2 d-1. " +
                        "\"vs trees\" is the model's mean RMSE over the trees baseline's on the same sites (below 1 is better).").AppendLine();
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

    /// <summary>Writes reports/evaluation.json, reports/evaluation.md and the figures under <paramref name="reportsDirectory"/>.</summary>
    public static void Write(string reportsDirectory, EvaluationSummary summary, string title, IReadOnlyDictionary<string, string>? provenance = null)
    {
        Directory.CreateDirectory(reportsDirectory);
        File.WriteAllText(Path.Combine(reportsDirectory, "evaluation.json"), ToJson(summary, provenance).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllText(Path.Combine(reportsDirectory, "evaluation.md"), ToMarkdown(summary, title));
        EvaluationFigures.Write(Path.Combine(reportsDirectory, "figures"), summary);
    }
}
