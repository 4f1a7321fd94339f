using System.Globalization;

namespace TamRl.Upscale.Products.Scoring;

/// <summary>The budget sections of score.md: global totals, then each group's regions with the NEE error decomposed.</summary>
internal static class BudgetMarkdown
{
    private static readonly string[] FluxNames = ["GPP", "RECO", "NEE"];

    public static IEnumerable<string> Lines(IReadOnlyList<RegionBudget> budgets)
    {
        var global = budgets.FirstOrDefault(b => b.Group == BudgetRegions.Global);
        if (global is null)
            yield break;
        yield return "## Carbon budget (Pg C/yr)";
        yield return "";
        yield return "Product and truth integrated alike: daily flux x cell area x land fraction over the land pixel-days where both hold " +
                     "all three fluxes, mean day x 365.25. Spread: the ensemble's per-pixel standard deviation integrated the same way, an " +
                     "upper bound on the spread of the total (members fully correlated).";
        yield return "";
        yield return "| flux | product | spread (bound) | truth | error | error % |";
        yield return "|---|---:|---:|---:|---:|---:|";
        for (var f = 0; f < 3; f++)
            yield return F($"| {FluxNames[f]} | {global.Product[f]:F2} | {global.SpreadBound[f]:F2} | {global.Truth[f]:F2} | {S(global.Error[f])} | {100 * global.RelativeError(f):F1} |");
        yield return "";
        yield return F($"NEE error {S(global.Error.Nee)} = RECO error {S(global.NeeErrorFromReco)} - GPP error {S(global.Error.Gpp)} ") +
                     "(NEE = RECO - GPP; a negative NEE error is too strong a sink).";
        yield return "";
        if (global.Towers > 0)
            yield return F($"Towers: the {global.Towers} training towers on land pixels, by their pixel's region (land % against towers %: where the network samples).");
        yield return "";
        foreach (var group in BudgetRegions.Groups.Where(g => g != BudgetRegions.Global))
        {
            var rows = budgets.Where(b => b.Group == group).ToList();
            if (rows.Count == 0)
                continue;
            yield return $"### By {group}, largest NEE error first";
            yield return "";
            yield return "| region | land (Mkm2) | land % | towers % | GPP product | GPP truth | RECO product | RECO truth | NEE product | NEE truth | NEE error | from RECO | from GPP | share of global NEE error |";
            yield return "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
            foreach (var b in rows)
                yield return F($"| {b.Region} | {b.LandAreaMkm2:F1} | {100 * b.LandAreaMkm2 / global.LandAreaMkm2:F1} | {(global.Towers > 0 ? (100.0 * b.Towers / global.Towers).ToString("F1", CultureInfo.InvariantCulture) : "-")} | {b.Product.Gpp:F2} | {b.Truth.Gpp:F2} | {b.Product.Reco:F2} | {b.Truth.Reco:F2} | ") +
                               F($"{b.Product.Nee:F2} | {b.Truth.Nee:F2} | {S(b.Error.Nee)} | {S(b.NeeErrorFromReco)} | {S(b.NeeErrorFromGpp)} | {100 * b.ShareOfGlobalNeeError:F0} % |");
            yield return "";
        }
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>A signed figure to two decimals; one that rounds to zero is "0.00" (no sign).</summary>
    private static string S(double x)
    {
        var rounded = Math.Round(x, 2);
        var text = Math.Abs(rounded).ToString("0.00", CultureInfo.InvariantCulture);
        return rounded > 0 ? "+" + text : rounded < 0 ? "-" + text : text;
    }
}
