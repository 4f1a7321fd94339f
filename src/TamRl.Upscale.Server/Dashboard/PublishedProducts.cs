using System.Text.Json;

namespace TamRl.Upscale.Server.Dashboard;

/// <summary>One file of a published period, as its manifest lists it: path relative to <c>OUT/products/</c>.</summary>
public sealed record PublishedFile(string File, string? Variable, string Period, string Format);

/// <summary>
/// A published period of an output folder, read from what users see (docs/products.md, "Atomic publishing"): the link
/// <c>OUT/products/PERIOD</c> and the period's <c>manifest.json</c> (file, variable, period, format), plus whether its
/// <c>checks.json</c> passed. The server reads this layout itself rather than referencing the Products stage (the
/// server's arrows go to Jobs only); the manifest is the contract.
/// </summary>
public sealed record PublishedPeriod(string Name, IReadOnlyList<PublishedFile> Files, bool? ChecksPassed)
{
    /// <summary>Quicklook maps (format png) of the fluxes, by month then variable.</summary>
    public IEnumerable<PublishedFile> Quicklooks => Files.Where(f => f.Format == "png").OrderBy(f => f.Period, StringComparer.Ordinal)
        .ThenBy(f => Array.IndexOf(FluxOrder, f.Variable));

    public PublishedFile? Of(string format) => Files.FirstOrDefault(f => f.Format == format);

    /// <summary>The period's checks.json, relative to OUT/products/.</summary>
    public string ChecksFile => $"{Name}/checks.json";

    /// <summary>The Zarr store's folder (relative to OUT/products/), from its <c>.zmetadata</c> entry.</summary>
    public string? ZarrStore => Files.FirstOrDefault(f => f.Format == "zarr" && f.File.EndsWith("/.zmetadata", StringComparison.Ordinal))?.File[..^"/.zmetadata".Length];

    private static readonly string?[] FluxOrder = ["gpp", "reco", "nee"];

    /// <summary>The periods published under <c>OUT/products/</c> (links whose name does not start with a dot), in name order.</summary>
    public static IReadOnlyList<PublishedPeriod> In(string outDir)
    {
        var root = Path.Combine(outDir, "products");
        if (!Directory.Exists(root))
            return [];
        return Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal)
            .Select(entry => Read(outDir, Path.GetFileName(entry)))
            .OfType<PublishedPeriod>()
            .ToList();
    }

    /// <summary>Whether <c>OUT/products/NAME</c> is a published period: a link (publication swaps it) not starting with a dot.</summary>
    public static bool IsPeriodLink(string outDir, string name) =>
        !name.StartsWith('.') && new DirectoryInfo(Path.Combine(outDir, "products", name)).LinkTarget is not null;

    /// <summary>One published period, reading only its own manifest and checks; null when it is not one or cannot be read.</summary>
    public static PublishedPeriod? Read(string outDir, string name)
    {
        if (!IsPeriodLink(outDir, name))
            return null;
        var entry = Path.Combine(outDir, "products", name);
        var manifest = Path.Combine(entry, "manifest.json");
        if (!File.Exists(manifest))
            return null;
        try
        {
            return new PublishedPeriod(name, ReadManifest(manifest), ReadPassed(Path.Combine(entry, "checks.json")));
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or KeyNotFoundException)
        {
            // A period being replaced (its old version deleted under us) or a damaged manifest: left off the page.
            return null;
        }
    }

    private static List<PublishedFile> ReadManifest(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("files").EnumerateArray().Select(f => new PublishedFile(
            f.GetProperty("file").GetString()!,
            f.TryGetProperty("variable", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null,
            f.GetProperty("period").GetString()!,
            f.GetProperty("format").GetString()!)).ToList();
    }

    private static bool? ReadPassed(string path)
    {
        if (!File.Exists(path))
            return null;
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.TryGetProperty("passed", out var passed) && passed.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? passed.GetBoolean()
            : null;
    }
}
