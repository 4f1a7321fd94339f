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
        var (full, obj) = SplitsFile.ReadObject(path);
        if (obj["splits"] is not JsonArray list)
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
            var train = SplitsFile.Ids(full, item, where, "train", nonEmpty: true);
            var test = SplitsFile.Ids(full, item, where, "test", nonEmpty: true);
            var both = train.Intersect(test, StringComparer.Ordinal).ToArray();
            if (both.Length > 0)
                throw new InvalidInputException(full, where, $"sites in both train and test: {string.Join(", ", both)}");
            result.Add(new NamedSplit(name, new SiteSplit(train, test)));
        }
        return result;
    }
}
