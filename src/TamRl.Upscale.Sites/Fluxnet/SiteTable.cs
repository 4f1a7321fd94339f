using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Sites.Dataset;

namespace TamRl.Upscale.Sites.Fluxnet;

/// <summary>
/// Reads a tower metadata table (docs/data-contracts.md §1, <c>towers/sites.csv</c>): columns site_id, lat,
/// lon, igbp, koppen, network, file in any order (found by header name; extra columns ignored). igbp and
/// koppen may be class indices or codes ("DBF", "Dfb"); file is relative to the table's folder. Every
/// problem names the table, the column and the line.
/// </summary>
public static class SiteTable
{
    public static readonly IReadOnlyList<string> RequiredColumns = ["site_id", "lat", "lon", "igbp", "koppen", "network", "file"];

    public static IReadOnlyList<TowerSite> Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new InvalidInputException(full, null, "site table not found");
        var folder = Path.GetDirectoryName(full)!;
        var lines = File.ReadAllLines(full);
        if (lines.Length == 0)
            throw new InvalidInputException(full, null, "the site table is empty (no header line)");
        var header = Split(lines[0]);
        var column = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
            column.TryAdd(header[i], i);
        foreach (var name in RequiredColumns)
            if (!column.ContainsKey(name))
                throw new InvalidInputException(full, name, $"line 1: required column missing (the table needs {string.Join(", ", RequiredColumns)})");

        var sites = new List<TowerSite>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i]))
                continue;
            var fields = Split(lines[i]);
            if (fields.Length != header.Length)
                throw FluxnetDailyReader.FieldCountMismatch(full, header, fields.Length, line);
            string Field(string name) => fields[column[name]];

            var id = Field("site_id");
            if (id.Length == 0)
                throw new InvalidInputException(full, "site_id", $"line {line}: empty site id");
            if (!seen.TryAdd(id, line))
                throw new InvalidInputException(full, "site_id", $"line {line}: site '{id}' already listed on line {seen[id]}");
            var lat = Number(full, "lat", Field("lat"), line, -90, 90);
            var lon = Number(full, "lon", Field("lon"), line, -180, 360);
            var igbp = StaticClasses.ParseIgbp(Field("igbp"))
                ?? throw new InvalidInputException(full, "igbp", $"line {line}: '{Field("igbp")}' is neither an IGBP code ({string.Join(", ", StaticClasses.IgbpCodes)}) nor an index 0..{StaticClasses.IgbpClassCount - 1}");
            var koppen = StaticClasses.ParseKoppen(Field("koppen"))
                ?? throw new InvalidInputException(full, "koppen", $"line {line}: '{Field("koppen")}' is neither a Koppen-Geiger code (e.g. Dfb) nor an index 0..{StaticClasses.KoppenClassCount - 1}");
            var file = Field("file");
            if (file.Length == 0)
                throw new InvalidInputException(full, "file", $"line {line}: site '{id}' names no flux file");
            sites.Add(new TowerSite(id, lat, lon, igbp, koppen, Field("network"), Path.GetFullPath(Path.Combine(folder, file))));
        }
        return sites;
    }

    private static string[] Split(string line) => line.TrimEnd('\r').Split(',').Select(f => f.Trim().Trim('"')).ToArray();

    private static double Number(string path, string column, string text, int line, double min, double max)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new InvalidInputException(path, column, $"line {line}: '{text}' is not a number");
        if (v < min || v > max)
            throw new InvalidInputException(path, column, $"line {line}: {text} is outside {min}..{max}");
        return v;
    }
}
