using System.Text.Json;
using System.Text.Json.Serialization;
using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Core.Config;

/// <summary>
/// A pipeline configuration as stored in <c>jobs/*.json</c> (schema: <c>schemas/pipeline-config.schema.json</c>).
/// Relative paths are resolved against the configuration file's folder, so a configuration works from
/// any working directory.
/// </summary>
public sealed record PipelineConfig
{
    /// <summary>A short name for the run (letters, digits, '-' and '_').</summary>
    public required string Name { get; init; }

    /// <summary>The seed every random choice of the run derives from.</summary>
    public int Seed { get; init; }

    /// <summary>Input files or folders (globs allowed in the last path segment).</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>What <c>tamrl ingest</c> reads and writes (absent when the run does not ingest).</summary>
    public IngestConfig? Ingest { get; init; }

    /// <summary>Tower extraction settings (<c>tamrl extract-sites</c>); null when the run has no towers.</summary>
    public SitesConfig? Sites { get; init; }

    /// <summary>The run generates its inputs (the sample world) before ingest; null when it reads real inputs.</summary>
    public SampleWorldConfig? SampleWorld { get; init; }

    /// <summary>How the train stage gets its model bundle; null for runs that stop before training.</summary>
    public ModelStageConfig? Model { get; init; }

    /// <summary>What inference covers and how publication is checked; null for runs that stop before inference.</summary>
    public ProductsConfig? Products { get; init; }

    /// <summary>
    /// The run's output folder, which a path starting with <c>{out}</c> is taken from (not serialised; set by
    /// <see cref="WithOutput"/>), so that a configuration can name what an earlier stage of the same run writes.
    /// </summary>
    [JsonIgnore]
    public string? OutputDirectory { get; init; }

    /// <summary>The file the configuration was read from (not serialised).</summary>
    [JsonIgnore]
    public string SourcePath { get; init; } = "";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Reads and validates a configuration; every error names the file and the field.</summary>
    public static PipelineConfig Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new InvalidInputException(full, null, "configuration file not found");
        PipelineConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<PipelineConfig>(File.ReadAllText(full), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(full, e.Path, $"not a valid configuration: {e.Message}", e);
        }
        if (config is null)
            throw new InvalidInputException(full, null, "the configuration is empty");
        if (string.IsNullOrWhiteSpace(config.Name) || !config.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new InvalidInputException(full, "name", $"expected letters, digits, '-' or '_', got '{config.Name}'");
        config.Ingest?.Validate(full);
        if (config.Model is { Precision: not ("fp32" or "bf16") } model)
            throw new InvalidInputException(full, "model.precision", $"expected fp32 or bf16, got '{model.Precision}'");
        if (config.Model is { Engine: not ("torch" or "onnx") } withEngine)
            throw new InvalidInputException(full, "model.engine", $"expected torch or onnx, got '{withEngine.Engine}'");
        if (config.Model is { } m && ModelStageConfig.EngineConflict(m.Engine, m.Precision, m.Device) is { } conflict)
            throw new InvalidInputException(full, "model.engine", conflict);
        return config with { SourcePath = full };
    }

    /// <summary>This configuration for a run writing into <paramref name="outDirectory"/>.</summary>
    public PipelineConfig WithOutput(string outDirectory) => this with { OutputDirectory = Path.GetFullPath(outDirectory) };

    /// <summary>
    /// A path of the configuration: <c>{out}/...</c> inside the run's output folder, other relative paths
    /// taken from the configuration's folder.
    /// </summary>
    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(BaseFor(path, "path"), StripOut(path)));

    private const string OutToken = "{out}";

    private string BaseFor(string path, string field)
    {
        if (!path.StartsWith(OutToken, StringComparison.Ordinal))
            return Path.GetDirectoryName(SourcePath) ?? Directory.GetCurrentDirectory();
        return OutputDirectory ?? throw new InvalidInputException(SourcePath, field,
            $"'{path}' names the run's output folder, but no output folder is known here (pass --out)");
    }

    private static string StripOut(string path) =>
        path.StartsWith(OutToken, StringComparison.Ordinal) ? path[OutToken.Length..].TrimStart('/', '\\') : path;

    /// <summary>The input paths with globs expanded, relative paths taken from the configuration's folder.</summary>
    public IReadOnlyList<string> ResolveInputs() => ResolvePaths(Inputs, "inputs");

    /// <summary>
    /// Paths of any section with globs expanded (last segment), relative paths taken from the configuration's
    /// folder; a path that matches nothing throws naming <paramref name="field"/>.
    /// </summary>
    public IReadOnlyList<string> ResolvePaths(IEnumerable<string> paths, string field)
    {
        var result = new List<string>();
        foreach (var input in paths)
        {
            var full = Path.GetFullPath(Path.Combine(BaseFor(input, field), StripOut(input)));
            var name = Path.GetFileName(full);
            if (name.Contains('*') || name.Contains('?'))
            {
                var dir = Path.GetDirectoryName(full)!;
                var matches = Directory.Exists(dir) ? Directory.GetFileSystemEntries(dir, name).Order(StringComparer.Ordinal).ToArray() : [];
                if (matches.Length == 0)
                    throw new InvalidInputException(SourcePath, field, $"'{input}' matches nothing");
                result.AddRange(matches);
            }
            else if (File.Exists(full) || Directory.Exists(full))
                result.Add(full);
            else
                throw new InvalidInputException(SourcePath, field, $"'{input}' does not exist ({full})");
        }
        return result;
    }
}
