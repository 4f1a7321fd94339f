using System.Text.Json;
using System.Text.Json.Nodes;
using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Sites.Splits;

/// <summary>
/// Writes and reads splits.json: <c>{"seed", "test_fraction", "splits": {"igbp": {"train": [...], "test": [...]},
/// "koppen": {...}}}</c>. Reading checks that no site is both in train and test.
/// </summary>
public static class SplitsFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string ToJson(SiteSplits splits)
    {
        var byName = new JsonObject();
        foreach (var (name, split) in splits.Splits.OrderBy(p => p.Key, StringComparer.Ordinal))
            byName[name] = new JsonObject
            {
                ["train"] = new JsonArray(split.Train.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
                ["test"] = new JsonArray(split.Test.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            };
        var root = new JsonObject
        {
            ["seed"] = splits.Seed,
            ["test_fraction"] = splits.TestFraction,
            ["splits"] = byName,
        };
        return root.ToJsonString(Indented);
    }

    /// <summary>Writes to a hidden file beside <paramref name="path"/> and renames it in place.</summary>
    public static void Write(SiteSplits splits, string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        IO.Files.AtomicFile.WriteAllText(full, ToJson(splits));
    }

    public static SiteSplits Read(string path)
    {
        var (full, obj) = ReadObject(path);
        var seed = Number(full, obj, "seed");
        var fraction = obj["test_fraction"] is null ? 0.2 : Number(full, obj, "test_fraction");
        if (obj["splits"] is not JsonObject byName)
            throw new InvalidInputException(full, "splits", "expected an object of splits by stratification");
        var splits = new Dictionary<string, SiteSplit>(StringComparer.Ordinal);
        foreach (var (name, node) in byName)
        {
            if (node is not JsonObject split)
                throw new InvalidInputException(full, $"splits.{name}", "expected an object with train and test");
            var train = Ids(full, split, $"splits.{name}", "train");
            var test = Ids(full, split, $"splits.{name}", "test");
            var both = train.Intersect(test, StringComparer.Ordinal).ToArray();
            if (both.Length > 0)
                throw new InvalidInputException(full, $"splits.{name}", $"sites in both train and test: {string.Join(", ", both)}");
            splits[name] = new SiteSplit(train, test);
        }
        return new SiteSplits((int)seed, fraction, splits);
    }

    private static double Number(string path, JsonObject obj, string field)
    {
        try
        {
            return obj[field]?.GetValue<double>() ?? throw new InvalidInputException(path, field, "missing field");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidInputException(path, field, "expected a number", e);
        }
    }

    /// <summary>A split file's full path and its root object; a missing file or one that is not a JSON object is refused.</summary>
    internal static (string Path, JsonObject Root) ReadObject(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new InvalidInputException(full, null, "splits file not found");
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(full));
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(full, null, $"not valid JSON: {e.Message}", e);
        }
        return root is JsonObject obj ? (full, obj) : throw new InvalidInputException(full, null, "expected a JSON object");
    }

    /// <summary>A split's list of site ids (<c>where.field</c>); not an array of strings, or a site listed twice, is refused.</summary>
    internal static string[] Ids(string path, JsonObject split, string where, string field, bool nonEmpty = false)
    {
        if (split[field] is not JsonArray array || (nonEmpty && array.Count == 0))
            throw new InvalidInputException(path, $"{where}.{field}", nonEmpty ? "expected a non-empty array of site ids" : "expected an array of site ids");
        try
        {
            var ids = array.Select(n => n!.GetValue<string>()).ToArray();
            var duplicate = ids.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                throw new InvalidInputException(path, $"{where}.{field}", $"site '{duplicate.Key}' listed twice");
            return ids;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new InvalidInputException(path, $"{where}.{field}", "expected an array of site id strings", e);
        }
    }
}
