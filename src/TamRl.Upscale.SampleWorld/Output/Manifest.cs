using TamRl.Upscale.Core.Files;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TamRl.Upscale.SampleWorld.Output;

/// <summary>W/manifest.json: what generated the world and every file with its sha256, size and role.</summary>
internal static class Manifest
{
    public sealed record FileEntry(
        [property: JsonPropertyName("path")] string Path,
        [property: JsonPropertyName("sha256")] string Sha256,
        [property: JsonPropertyName("bytes")] long Bytes,
        [property: JsonPropertyName("role")] string Role);

    public static void Write(string root, SampleWorldOptions options, object calibration)
    {
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(p => p != "manifest.json")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new FileEntry(p, FileHash.Sha256(System.IO.Path.Combine(root, p)), new FileInfo(System.IO.Path.Combine(root, p)).Length, RoleOf(p)))
            .ToList();
        var doc = new Dictionary<string, object>
        {
            ["generator"] = "tamrl sample-data " + typeof(Manifest).Assembly.GetName().Version,
            ["seed"] = options.Seed,
            ["resolution"] = options.Resolution,
            ["start"] = $"{options.StartYear:D4}-{options.StartMonth:D2}",
            ["end"] = $"{options.EndYear:D4}-{options.EndMonth:D2}",
            ["bbox"] = new[] { options.Box.West, options.Box.South, options.Box.East, options.Box.North },
            ["calibration"] = calibration,
            ["files"] = files,
        };
        File.WriteAllText(System.IO.Path.Combine(root, "manifest.json"),
            JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static string RoleOf(string path) => path.Split('/')[0] switch
    {
        "static" => "geography",
        "era5" when path.StartsWith("era5/new-cds/") => "era5-daily-new-cds",
        "era5" when path.StartsWith("era5/legacy/") => "era5-daily-legacy",
        "era5" when path.StartsWith("era5/hourly/") => "era5-hourly-new-cds",
        "era5" when path.StartsWith("era5/arco.zarr/") => "era5-hourly-arco-zarr",
        "modis" => "modis-8day",
        "truth" => "truth",
        "towers" when path.EndsWith("sites.csv") => "tower-sites",
        "towers" => "tower-fluxnet-dd",
        _ => "other",
    };
}
