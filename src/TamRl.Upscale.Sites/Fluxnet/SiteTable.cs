using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Geography;
using TamRl.Upscale.Sites.Dataset;

namespace TamRl.Upscale.Sites.Fluxnet;

/// <summary>
/// Reads a tower metadata table (docs/data-contracts.md §1, <c>towers/sites.csv</c>): columns site_id, lat,
/// lon, igbp and optionally koppen, network, file, in any order and any case (found by header name; extra columns
/// ignored, so FLUXNET's own SITE_ID, LAT, LON, IGBP tables read as they are). igbp and koppen may be class indices
/// or codes ("DBF", "Dfb"). Without a koppen column each site takes the class of the Kottek et al. (2006) map at
/// its coordinates; without a file column, the one daily file of a known release (FLX_, AMF_, ICOSETC_, JPX_) in the
/// table's folder whose name carries the site id; without a network column, the network of that file's release.
/// file is relative to the table's folder. Every problem names the table, the column and the line.
/// </summary>
public static class SiteTable
{
    public static readonly IReadOnlyList<string> RequiredColumns = ["site_id", "lat", "lon", "igbp"];

    /// <summary>The table's own file name when a folder is given instead of a table.</summary>
    public const string FileNameInFolder = "sites.csv";

    /// <summary>
    /// The towers of several tables, joined in order; each path is a table or a folder holding <see cref="FileNameInFolder"/>.
    /// A site listed in two tables is refused, naming both.
    /// </summary>
    public static IReadOnlyList<TowerSite> ReadAll(IReadOnlyList<string> paths, string? realData = null)
    {
        var all = new List<TowerSite>();
        var from = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var table = TablePath(path);
            foreach (var site in Read(table, realData))
            {
                if (from.TryGetValue(site.Id, out var other))
                    throw new InvalidInputException(table, "site_id", $"site '{site.Id}' is also listed in {other}");
                from[site.Id] = table;
                all.Add(site);
            }
        }
        return all;
    }

    /// <summary>A table path as given, or the <see cref="FileNameInFolder"/> of a folder.</summary>
    public static string TablePath(string path)
    {
        var full = Path.GetFullPath(path);
        return Directory.Exists(full) ? Path.Combine(full, FileNameInFolder) : full;
    }

    /// <param name="realData">The data/real folder holding the Koppen map (needed only for a table without a koppen column); null: found above the working folder.</param>
    public static IReadOnlyList<TowerSite> Read(string path, string? realData = null)
    {
        var full = TablePath(path);
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
        KoppenMap? koppenMap = column.ContainsKey("koppen") ? null : KoppenMap.Load(RealDataFolder.Locate(realData));
        var towerFiles = column.ContainsKey("file") ? null : TowerFilesIn(folder);

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
            string Field(string name) => column.TryGetValue(name, out var c) ? fields[c] : "";

            var id = Field("site_id");
            if (id.Length == 0)
                throw new InvalidInputException(full, "site_id", $"line {line}: empty site id");
            if (!seen.TryAdd(id, line))
                throw new InvalidInputException(full, "site_id", $"line {line}: site '{id}' already listed on line {seen[id]}");
            var lat = Number(full, "lat", Field("lat"), line, -90, 90);
            var lon = Number(full, "lon", Field("lon"), line, -180, 360);
            var igbp = StaticClasses.ParseIgbp(Field("igbp"))
                ?? throw new InvalidInputException(full, "igbp", $"line {line}: '{Field("igbp")}' is neither an IGBP code ({string.Join(", ", StaticClasses.IgbpCodes)}) nor an index 0..{StaticClasses.IgbpClassCount - 1}");
            var koppen = koppenMap is not null
                ? koppenMap.ClassAt(lat, lon >= 180 ? lon - 360 : lon)
                : StaticClasses.ParseKoppen(Field("koppen"))
                  ?? throw new InvalidInputException(full, "koppen", $"line {line}: '{Field("koppen")}' is neither a Koppen-Geiger code (e.g. Dfb) nor an index 0..{StaticClasses.KoppenClassCount - 1}");
            var file = towerFiles is null ? Field("file") : FileOfSite(full, towerFiles, id, line);
            if (file.Length == 0)
                throw new InvalidInputException(full, "file", $"line {line}: site '{id}' names no flux file");
            var network = Field("network");
            if (network.Length == 0 && FluxnetReleases.FromFileName(file) is { } release)
                network = FluxnetReleases.NetworkName(release);
            sites.Add(new TowerSite(id, lat, lon, igbp, koppen, network, Path.GetFullPath(Path.Combine(folder, file))));
        }
        return sites;
    }

    /// <summary>Daily files of the known releases in a folder, by site id (the second '_'-separated part of the name).</summary>
    private static ILookup<string, string> TowerFilesIn(string folder) =>
        Directory.EnumerateFiles(folder, "*.csv")
            .Where(f => FluxnetReleases.FromFileName(f) is not null && FluxnetReleases.SiteIdFromFileName(f) is not null)
            .Order(StringComparer.Ordinal)
            .ToLookup(f => FluxnetReleases.SiteIdFromFileName(f)!, StringComparer.Ordinal);

    private static string FileOfSite(string table, ILookup<string, string> files, string site, int line)
    {
        var matches = files[site].ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new InvalidInputException(table, "file",
                $"line {line}: the table has no file column and its folder holds no daily file of site '{site}' (expected e.g. FLX_{site}_..._DD_....csv)"),
            _ => throw new InvalidInputException(table, "file",
                $"line {line}: the table has no file column and its folder holds {matches.Count} files of site '{site}' ({string.Join(", ", matches.Select(Path.GetFileName))}); add a file column"),
        };
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
