using System.Globalization;
using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.IO.Geography;

/// <summary>
/// The Kottek et al. (2006) 0.5 degree Koppen-Geiger map (data/real/koppen/Koeppen-Geiger-ASCII.txt, lines
/// "lat lon class" for land cells only) as a 360 x 720 raster of class ids from
/// data/real/sites/koeppen_geiger_key.csv (0 = no land). It is the sample world's real land mask, and where a
/// tower table without a Koppen column gets each site's class (<see cref="ClassAt"/>).
/// </summary>
public sealed class KoppenMap
{
    public const int Rows = 360;
    public const int Columns = 720;
    public const double Resolution = 0.5;

    private KoppenMap(byte[] classes, IReadOnlyList<string> names)
    {
        Classes = classes;
        Names = names;
    }

    /// <summary>Class id per 0.5 degree cell, row 0 = 89.75N, column 0 = 179.75W; 0 where there is no land.</summary>
    public byte[] Classes { get; }

    /// <summary>Class names by id (index 0 unused).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The map's files under a real-data folder: the class key, then the map.</summary>
    public static IReadOnlyList<string> Files(string realData) =>
        [Path.Combine(realData, "sites", "koeppen_geiger_key.csv"), Path.Combine(realData, "koppen", "Koeppen-Geiger-ASCII.txt")];

    public static KoppenMap Load(string realData)
    {
        var keyPath = Files(realData)[0];
        var names = new string[31];
        var ids = new Dictionary<string, byte>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadLines(keyPath).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length < 2 || !byte.TryParse(parts[0], out var id) || id >= names.Length)
                throw new InvalidInputException(keyPath, "id", $"unexpected line '{line}'");
            names[id] = parts[1].Trim();
            ids[names[id]] = id;
        }
        // Kottek's "As" (savanna with dry summer) has no entry in the key; Aw is its nearest class.
        ids["As"] = ids["Aw"];

        var mapPath = Files(realData)[1];
        var classes = new byte[Rows * Columns];
        var number = 0;
        foreach (var line in File.ReadLines(mapPath))
        {
            number++;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
            {
                if (number == 1)
                    continue; // a header line
                throw new InvalidInputException(mapPath, $"line {number}", $"expected 'lat lon class', got '{line}'");
            }
            if (!ids.TryGetValue(parts[2], out var cls))
                throw new InvalidInputException(mapPath, $"line {number}", $"unknown Koppen class '{parts[2]}'");
            var row = (int)Math.Floor((90 - lat) / Resolution);
            var col = (int)Math.Floor((lon + 180) / Resolution);
            if (row is < 0 or >= Rows || col is < 0 or >= Columns)
                throw new InvalidInputException(mapPath, $"line {number}", $"coordinates {lat},{lon} outside the globe");
            classes[row * Columns + col] = cls;
        }
        return new KoppenMap(classes, names);
    }

    /// <summary>
    /// The class of the 0.5 degree cell holding a point; where that cell is not land in the map (a coastal tower on
    /// a cell the map calls sea), the most common class of the land cells within <paramref name="searchCells"/>
    /// cells around it; 0 when there is none.
    /// </summary>
    public byte ClassAt(double latitude, double longitude, int searchCells = 1)
    {
        var row = Math.Clamp((int)Math.Floor((90 - latitude) / Resolution), 0, Rows - 1);
        var col = (((int)Math.Floor((longitude + 180) / Resolution)) % Columns + Columns) % Columns;
        var own = Classes[row * Columns + col];
        if (own != 0)
            return own;
        var counts = new Dictionary<byte, int>();
        for (var r = Math.Max(0, row - searchCells); r <= Math.Min(Rows - 1, row + searchCells); r++)
            for (var dc = -searchCells; dc <= searchCells; dc++)
            {
                var c = Classes[r * Columns + ((col + dc) % Columns + Columns) % Columns];
                if (c != 0)
                    counts[c] = counts.GetValueOrDefault(c) + 1;
            }
        // Ties go to the lower class id, so the answer never depends on dictionary order.
        return counts.Count == 0 ? (byte)0 : counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key).First().Key;
    }

    /// <summary>Main group letter of a class id: 'A'..'E', or '\0' for no land.</summary>
    public char Group(byte id) => id == 0 ? '\0' : Names[id][0];

    public string Name(byte id) => id == 0 ? "" : Names[id];
}
