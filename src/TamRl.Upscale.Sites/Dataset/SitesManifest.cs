using System.Text.Json;
using System.Text.Json.Serialization;

namespace TamRl.Upscale.Sites.Dataset;

/// <summary>
/// OUT/sites/manifest.json: how the training dataset was made (seed, period, windows, inputs with
/// checksums, towers left out and why) and the files it holds with their checksums.
/// </summary>
public sealed record SitesManifest
{
    public const string FileName = "manifest.json";

    public required string Generator { get; init; }

    public required DateTime Created { get; init; }

    public required int Seed { get; init; }

    public required double TestFraction { get; init; }

    public required int WindowLength { get; init; }

    public required int WindowStride { get; init; }

    public required DateOnly FirstDay { get; init; }

    public required DateOnly LastDay { get; init; }

    public required int Sites { get; init; }

    /// <summary>Where the drivers came from: the driver cube's folder, or "tower meteorology of TABLE".</summary>
    public required string DriverCube { get; init; }

    /// <summary>The dataset's driver features, in order (absent in manifests before feature lists were configurable).</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>The cube's own manifest (its inputs' checksums), when it has one.</summary>
    public FileChecksum? DriverCubeManifest { get; init; }

    public required FileChecksum SiteTable { get; init; }

    /// <summary>Further tower tables joined after <see cref="SiteTable"/>.</summary>
    public IReadOnlyList<FileChecksum>? MoreSiteTables { get; init; }

    /// <summary>Tower files read, with checksums.</summary>
    public required IReadOnlyList<FileChecksum> Inputs { get; init; }

    public required IReadOnlyList<SkippedSiteEntry> Skipped { get; init; }

    /// <summary>The files of the dataset folder (paths relative to it), with checksums.</summary>
    public required IReadOnlyList<FileChecksum> Files { get; init; }

    public sealed record SkippedSiteEntry(string Site, string Reason);

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static SitesManifest Read(string path) =>
        JsonSerializer.Deserialize<SitesManifest>(File.ReadAllText(path), Json)
        ?? throw new Core.Errors.InvalidInputException(path, null, "empty manifest");
}
