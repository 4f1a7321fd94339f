using System.Text.Json;
using System.Text.Json.Serialization;

namespace TamRl.Upscale.Products.Writers;

/// <summary>One file of a product: path relative to <c>OUT/products/</c>, sha256, variable, period and format.</summary>
public sealed record ManifestEntry(string File, string Sha256, string? Variable, string Period, string Format);

/// <summary><c>manifest.json</c>: every file of the products, with its checksum.</summary>
public sealed record ProductManifest(string RunId, DateTimeOffset Published, IReadOnlyList<ManifestEntry> Files)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ProductManifest Load(string path) =>
        JsonSerializer.Deserialize<ProductManifest>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty manifest");
}
