using System.Text.Json;

namespace TamRl.Upscale.Products.Scoring;

/// <summary>Agreement of one flux with the truth over every land pixel and day both hold.</summary>
/// <param name="Rmse">Root mean square error, g m-2 d-1.</param>
/// <param name="Bias">Mean of product - truth, g m-2 d-1.</param>
/// <param name="Count">Pixel-days compared.</param>
/// <param name="AreaWeightedRmse">RMSE with each pixel-day weighted by its cell's land area.</param>
/// <param name="AreaWeightedBias">Bias with the same weights.</param>
public sealed record FluxScore(string Variable, double Rmse, double Bias, long Count, double AreaWeightedRmse, double AreaWeightedBias);

/// <summary><c>OUT/reports/score.json</c>: the scores and the figures drawn.</summary>
/// <param name="Budgets">Regional carbon budgets of product and truth (<see cref="CarbonBudget"/>): global first, then by group.</param>
public sealed record ScoreReport(string Period, string Truth, IReadOnlyList<FluxScore> Scores, IReadOnlyList<string> Figures, IReadOnlyList<RegionBudget>? Budgets = null)
{
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

    public string ToMarkdown()
    {
        var lines = new List<string>
        {
            $"# Products against the truth, {Period}",
            "",
            $"Truth: `{Truth}`. Land pixel-days where both hold a value; g m-2 d-1 (carbon).",
            "",
            "| flux | RMSE | bias | RMSE (area-weighted) | bias (area-weighted) | pixel-days |",
            "|---|---:|---:|---:|---:|---:|",
        };
        lines.AddRange(Scores.Select(s => FormattableString.Invariant($"| {s.Variable} | {s.Rmse:F3} | {s.Bias:F3} | {s.AreaWeightedRmse:F3} | {s.AreaWeightedBias:F3} | {s.Count} |")));
        lines.Add("");
        lines.AddRange(BudgetMarkdown.Lines(Budgets ?? []));
        lines.AddRange(Figures.Select(f => $"![{f}]({f})"));
        return string.Join("\n", lines) + "\n";
    }
}
