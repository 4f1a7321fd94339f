using System.Globalization;
using System.Text.Json;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.Core.Files;

namespace TamRl.Upscale.Products.Inference;

/// <summary>
/// What the products record about the model, read from its bundle.json (docs/data-contracts.md §4) without
/// depending on the Model project: the bundle's sha256, format version, model kind, split, training sites
/// and each member's checksum. Written into run.json and into every NetCDF file as <c>model_*</c> attributes.
/// </summary>
public static class ModelProvenance
{
    /// <param name="bundlePath">The bundle folder (OUT/model) or its bundle.json.</param>
    public static IReadOnlyDictionary<string, string> FromBundle(string bundlePath)
    {
        if (Directory.Exists(bundlePath))
            bundlePath = Path.Combine(bundlePath, "bundle.json");
        if (!File.Exists(bundlePath))
            throw new DataFileException(bundlePath, null, "model bundle not found");
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["bundle_sha256"] = FileHash.Sha256(bundlePath),
        };
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(bundlePath));
            var root = doc.RootElement;
            foreach (var name in new[] { "format_version", "model", "split" })
                if (root.TryGetProperty(name, out var v))
                    result[name] = v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();
            if (root.TryGetProperty("training_sites", out var sites) && sites.ValueKind == JsonValueKind.Array)
            {
                var list = sites.EnumerateArray().Select(s => s.GetString() ?? "").ToArray();
                result["training_sites"] = string.Join(" ", list);
                result["training_site_count"] = list.Length.ToString(CultureInfo.InvariantCulture);
            }
            if (root.TryGetProperty("members", out var members) && members.ValueKind == JsonValueKind.Array)
                result["member_sha256"] = string.Join(" ", members.EnumerateArray()
                    .Select(m => m.TryGetProperty("sha256", out var s) ? s.GetString() : null).Where(s => s is not null));
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(bundlePath, null, $"not valid JSON: {e.Message}", e);
        }
        return result;
    }
}
