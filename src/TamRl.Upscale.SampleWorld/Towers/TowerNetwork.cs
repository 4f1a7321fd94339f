using TamRl.Upscale.Core.Randomness;
using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.SampleWorld.Geography;
using TamRl.Upscale.SampleWorld.Randomness;

namespace TamRl.Upscale.SampleWorld.Towers;

/// <summary>
/// The tower network: the real sites of data/real/sites/carbonbench_sites_merged.csv (FLUXNET2015, AmeriFlux,
/// ICOS and JapanFlux sites with coordinates), so the network keeps its real geographic bias. A site whose
/// pixel is sea (a coastal tower on a coarse grid) moves to the nearest land pixel within one cell or is left
/// out. Record lengths vary by site: at least a year (or the whole period when shorter), placed at random.
/// The geography around a site comes from a three-row band built for it, so no grid-sized map is needed.
/// </summary>
internal static class TowerNetwork
{
    private static readonly HashSet<string> Networks = ["FLX", "AMF", "ICOSETC", "JPX"];

    public static List<Tower> Load(string realData, GeographySources sources, SampleWorldOptions options)
    {
        var grid = WorldGeography.GridFor(options);
        var bands = new Dictionary<int, WorldGeography>();
        WorldGeography Around(int row)
        {
            var start = Math.Clamp(row - 1, 0, Math.Max(0, grid.Rows - 3));
            if (!bands.TryGetValue(start, out var band))
            {
                if (bands.Count >= 4)
                    bands.Clear(); // a few bands suffice (neighbouring sites share rows); never hold a grid's worth
                bands[start] = band = WorldGeography.Build(options, sources, start, Math.Min(3, grid.Rows - start));
            }
            return band;
        }
        var path = Path.Combine(realData, "sites", "carbonbench_sites_merged.csv");
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i
            : throw new InvalidInputException(path, name, "column missing");
        int site = Col("site"), network = Col("network_prefix"), lat = Col("lat"), lon = Col("lon"),
            igbpMeta = Col("igbp_from_metadata"), igbpCb = Col("cb_IGBP"), koppen = Col("koppen_code");
        var towers = new List<Tower>();
        var periodDays = options.Days;
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            if (f.Length < header.Length || !Networks.Contains(f[network])
                || !double.TryParse(f[lat], NumberStyles.Float, CultureInfo.InvariantCulture, out var la)
                || !double.TryParse(f[lon], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo))
                continue;
            var near = grid.TryCellOf(la, lo, out var row, out _) ? Around(row) : null;
            var cell = near is null ? -1 : LandCellNear(near, la, lo);
            if (cell < 0)
                continue;
            var geo = Around(cell / grid.Columns);
            var igbpText = f[igbpMeta].Length > 0 ? f[igbpMeta] : f[igbpCb];
            var igbp = Igbp.FromAbbreviation(igbpText);
            if (igbp == 17)
                igbp = geo.IgbpClass[geo.Local(cell)];
            var rng = new SplitMix64(options.Seed, SplitMix64.Key("tower-record:" + f[site]));
            var minimum = Math.Min(365, periodDays);
            var length = minimum + (int)(rng.NextDouble() * (periodDays - minimum + 1));
            var start = options.FirstDay.AddDays((int)(rng.NextDouble() * (periodDays - length + 1)));
            // The real tables write "-" or NA where a site has no class: take the map's class of its cell then.
            var kop = f[koppen] is { Length: > 0 } k && k != "-" && k != "NA" ? k : geo.Koppen.Name(geo.KoppenClass[geo.Local(cell)]);
            towers.Add(new Tower(f[site], f[network], la, lo, igbp, kop, cell, start, start.AddDays(length - 1)));
        }
        return towers;
    }

    /// <summary>The grid cell of a site, or a land neighbour of a sea cell; <paramref name="geo"/> holds the rows around it.</summary>
    private static int LandCellNear(WorldGeography geo, double lat, double lon)
    {
        var cell = geo.CellOf(lat, lon);
        if (cell < 0)
            return -1;
        if (geo.LandFraction[geo.Local(cell)] > 0)
            return cell;
        var cols = geo.Grid.Columns;
        var (r, c) = (cell / cols, cell % cols);
        for (var dr = -1; dr <= 1; dr++)
            for (var dc = -1; dc <= 1; dc++)
            {
                var rr = r + dr;
                var cc = c + dc;
                if (rr >= 0 && rr < geo.Grid.Rows && cc >= 0 && cc < cols && geo.Local(rr * cols + cc) is var local and >= 0
                    && geo.LandFraction[local] > 0)
                    return rr * cols + cc;
            }
        return -1;
    }
}
