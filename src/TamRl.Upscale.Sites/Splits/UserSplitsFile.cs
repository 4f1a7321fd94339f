using System.Text.Json;
using System.Text.Json.Nodes;
using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Sites.Splits;

/// <summary>A named split a user gives (<c>tamrl evaluate --splits FILE</c>).</summary>
public sealed record NamedSplit(string Name, SiteSplit Split);

/// <summary>
/// Reads a user's split file (schemas/splits.schema.json):
/// <c>{"splits": [{"name": "...", "train": ["SITE", ...], "test": ["SITE", ...]}]}</c>. Refused, naming the file and
/// the field: a missing or empty name, a name used twice, a site listed twice or in both train and test, an empty
/// train or test list.
/// </summary>
public static class UserSplitsFile
{
    public static IReadOnlyList<NamedSplit> Read(string path)
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
        if (root is not JsonObject obj || obj["splits"] is not JsonArray list)
            throw new InvalidInputException(full, "splits", "expected {\"splits\": [{\"name\", \"train\", \"test\"}, ...]}");
        if (list.Count == 0)
            throw new InvalidInputException(full, "splits", "the list of splits is empty");
        var result = new List<NamedSplit>();
        for (var i = 0; i < list.Count; i++)
        {
            var where = $"splits[{i}]";
            if (list[i] is not JsonObject item)
                throw new InvalidInputException(full, where, "expected an object with name, train and test");
            string name;
            try
            {
                name = item["name"]?.GetValue<string>() ?? "";
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidInputException(full, $"{where}.name", "expected a string", e);
            }
            if (string.IsNullOrWhiteSpace(name))
                throw new InvalidInputException(full, $"{where}.name", "a split needs a name");
            if (result.Any(r => r.Name == name))
                throw new InvalidInputException(full, $"{where}.name", $"the name '{name}' is used twice");
            var train = Ids(full, item, where, "train");
            var test = Ids(full, item, where, "test");
            var both = train.Intersect(test, StringComparer.Ordinal).ToArray();
            if (both.Length > 0)
                throw new InvalidInputException(full, where, $"sites in both train and test: {string.Join(", ", both)}");
            result.Add(new NamedSplit(name, new SiteSplit(train, test)));
        }
        return result;
    }

    private static string[] Ids(string path, JsonObject split, string where, string field)
    {
        if (split[field] is not JsonArray array || array.Count == 0)
            throw new InvalidInputException(path, $"{where}.{field}", "expected a non-empty array of site ids");
        string[] ids;
        try
        {
            ids = array.Select(n => n!.GetValue<string>()).ToArray();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new InvalidInputException(path, $"{where}.{field}", "expected an array of site id strings", e);
        }
        var duplicate = ids.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidInputException(path, $"{where}.{field}", $"site '{duplicate.Key}' listed twice");
        return ids;
    }
}
