using System.Text.Json;
using System.Text.Json.Serialization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;

namespace TamRl.Upscale.Ingest.DriverCube;

/// <summary>An input file and its SHA-256 (hex).</summary>
public sealed record ManifestInput(string Path, string Sha256);

/// <summary>One month file of the cube: what it was made from, under which settings, and its own checksum.</summary>
public sealed record ManifestMonth(string Month, string File, string Sha256, string SettingsSha256, IReadOnlyList<ManifestInput> Inputs);

/// <summary>The static file and its inputs.</summary>
public sealed record ManifestStatic(string File, string Sha256, string SettingsSha256, IReadOnlyList<ManifestInput> Inputs);

/// <summary>The grid as the manifest states it.</summary>
public sealed record ManifestGrid(int Rows, int Columns, double West, double North, double LatitudeResolution, double LongitudeResolution)
{
    public static ManifestGrid Of(RegularLatLonGrid g) => new(g.Rows, g.Columns, g.West, g.North, g.LatitudeResolution, g.LongitudeResolution);
}

/// <summary>
/// OUT/drivers/manifest.json (docs/data-contracts.md §2): the features, the grid, and per month the inputs
/// with their SHA-256, so that a rerun skips a month whose inputs and settings are unchanged and recomputes
/// one whose inputs changed. Written atomically (temporary file renamed).
/// </summary>
public sealed record DriverCubeManifest
{
    public int FormatVersion { get; init; } = 1;

    public string Generator { get; init; } = "tamrl ingest";

    public IReadOnlyList<DriverFeature> Features { get; init; } = DriverFeatures.All;

    public required ManifestGrid Grid { get; init; }

    public ManifestStatic? Static { get; init; }

    public IReadOnlyList<ManifestMonth> Months { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>
    /// Every file the manifest names with its sha256: the static file, each month file and the inputs of each (a run
    /// records them, run.json's input_checksums). Sorted by path; an input named twice keeps its last checksum.
    /// </summary>
    public IReadOnlyDictionary<string, string> FileChecksums()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Add(string file, string sha256, IReadOnlyList<ManifestInput> inputs)
        {
            foreach (var input in inputs)
                result[input.Path] = input.Sha256;
            result[file] = sha256;
        }
        if (Static is { } s)
            Add(s.File, s.Sha256, s.Inputs);
        foreach (var month in Months)
            Add(month.File, month.Sha256, month.Inputs);
        return result;
    }

    /// <summary>Reads a manifest; null when the file does not exist; a corrupt one throws naming the file.</summary>
    public static DriverCubeManifest? Load(string path)
    {
        if (!System.IO.File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<DriverCubeManifest>(System.IO.File.ReadAllText(path), Json)
                   ?? throw new InvalidInputException(path, null, "the manifest is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(path, e.Path, $"not a valid drivers manifest: {e.Message}", e);
        }
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        IO.Files.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }
}
