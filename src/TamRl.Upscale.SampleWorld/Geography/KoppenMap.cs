using System.Globalization;
using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.SampleWorld.Geography;

/// <summary>
/// The Kottek et al. (2006) 0.5 degree Koppen-Geiger map (data/real/koppen/Koeppen-Geiger-ASCII.txt, lines
/// "lat lon class" for land cells only) as a 360 x 720 raster of class ids from
/// data/real/sites/koeppen_geiger_key.csv (0 = no land). It is the world's real land mask.
/// </summary>
internal sealed class KoppenMap
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

    public static KoppenMap Load(string realData)
    {
        var keyPath = Path.Combine(realData, "sites", "koeppen_geiger_key.csv");
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

        var mapPath = Path.Combine(realData, "koppen", "Koeppen-Geiger-ASCII.txt");
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

    /// <summary>Main group letter of a class id: 'A'..'E', or '\0' for no land.</summary>
    public char Group(byte id) => id == 0 ? '\0' : Names[id][0];

    public string Name(byte id) => id == 0 ? "" : Names[id];
}
