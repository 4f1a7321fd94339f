using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Products.Budgets;

/// <summary>
/// One total of the regional budget table: a flux over a region and a month (period "YYYY-MM") or a complete year
/// ("YYYY"), Pg C over those days, with the ensemble's spread of it.
/// </summary>
/// <param name="Group">global, continent, latitude, igbp or koppen (Scoring/BudgetRegions).</param>
/// <param name="Days">Days the total covers.</param>
/// <param name="LandAreaMkm2">The region's land area (cell area x land fraction), million km2.</param>
/// <param name="TotalPgc">Pg C over the days (not per year): daily flux x cell area x land fraction, summed.</param>
/// <param name="UncertaintyPgc">The ensemble's standard deviation of the total (see <see cref="BudgetTable.UncertaintyMethod"/>).</param>
public sealed record BudgetRow(string Group, string Region, string Flux, string Period, int Days, double LandAreaMkm2, double TotalPgc, double UncertaintyPgc);

/// <summary>
/// <c>budgets/regional_budgets_PERIOD.{json,csv}</c> (schema: schemas/regional-budgets.schema.json): annual and monthly
/// totals of GPP, RECO and NEE by region. The JSON carries the definitions beside the rows; the CSV the rows alone, the
/// same values (round-trip formatting, so both parse to the same doubles).
/// </summary>
public sealed record BudgetTable(string RunId, string Period, string Units, string Integral, string RegionMap, string UncertaintyMethod,
    string Uncertainty, int Members, IReadOnlyList<BudgetRow> Rows)
{
    /// <summary>The members' totals' standard deviation (population, as the per-pixel spreads).</summary>
    public const string FromMembers = "members";

    /// <summary>The per-pixel spreads integrated like the fluxes: an upper bound, used only when the members' means are not there.</summary>
    public const string SpreadBound = "spread_bound";

    public static readonly string[] CsvColumns = ["group", "region", "flux", "period", "days", "land_area_mkm2", "total_pgc", "uncertainty_pgc"];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToCsv()
    {
        var text = new StringBuilder(string.Join(",", CsvColumns)).Append('\n');
        foreach (var r in Rows)
            text.Append(string.Join(",", Quote(r.Group), Quote(r.Region), r.Flux, r.Period, r.Days.ToString(CultureInfo.InvariantCulture),
                Number(r.LandAreaMkm2), Number(r.TotalPgc), Number(r.UncertaintyPgc))).Append('\n');
        return text.ToString();
    }

    /// <summary>Reads a table written by <see cref="ToJson"/>.</summary>
    /// <exception cref="InvalidInputException">Not such a table.</exception>
    public static BudgetTable Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<BudgetTable>(File.ReadAllText(path), Json) is { Rows: not null } table
                ? table : throw new InvalidInputException(path, "rows", "a regional budget table with rows");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(path, e.Path, $"a regional budget table ({e.Message})");
        }
    }

    /// <summary>Reads the rows of a CSV written by <see cref="ToCsv"/> (header checked).</summary>
    /// <exception cref="InvalidInputException">Another header or a row that does not parse.</exception>
    public static IReadOnlyList<BudgetRow> LoadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != string.Join(",", CsvColumns))
            throw new InvalidInputException(path, "header", $"the columns {string.Join(",", CsvColumns)}");
        return lines.Skip(1).Select((line, i) =>
        {
            var f = Split(line);
            if (f.Count != CsvColumns.Length)
                throw new InvalidInputException(path, $"line {i + 2}", $"{CsvColumns.Length} fields, found {f.Count}");
            double D(int k) => double.TryParse(f[k], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                : throw new InvalidInputException(path, $"line {i + 2}", $"a number in column {CsvColumns[k]}, found '{f[k]}'");
            var days = int.TryParse(f[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
                : throw new InvalidInputException(path, $"line {i + 2}", $"a whole number in column {CsvColumns[4]}, found '{f[4]}'");
            return new BudgetRow(f[0], f[1], f[2], f[3], days, D(5), D(6), D(7));
        }).ToList();
    }

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Region names hold spaces and apostrophes, never commas or quotes today; quoted anyway when they would need it.</summary>
    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                field.Append(line[++i]);
            else if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
