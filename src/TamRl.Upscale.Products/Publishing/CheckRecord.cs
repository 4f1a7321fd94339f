using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TamRl.Upscale.Core.Files;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.IO.Files;

namespace TamRl.Upscale.Products.Publishing;

/// <summary>
/// What <see cref="ProductPublisher.Check"/> leaves beside its checked folder (<c>OUT/runs/RUN/checked.json</c>): the run,
/// period, chunk set and predictor it checked, the checks that passed, the files it wrote and a fingerprint of every
/// input of assembly and checking. Publication moves the checked folder into place only when the record still
/// matches the run as it is now; any difference (a chunk rerun, a replanned run, other check options, another build)
/// makes it stale, and publication assembles and checks again.
/// </summary>
public sealed record CheckRecord(
    string RunId,
    string Period,
    IReadOnlyList<int> ChunkIds,
    string Predictor,
    IReadOnlyList<string> ChecksPassed,
    string Inputs,
    IReadOnlyList<ManifestEntry> Files)
{
    public const string FileName = "checked.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    // Check options hold (min, max) tuples: their fields must take part in the fingerprint.
    private static readonly JsonSerializerOptions OptionsJson = new() { IncludeFields = true };

    public static string PathIn(string runDir) => Path.Combine(runDir, FileName);

    public void Save(string runDir) => AtomicFile.WriteAllText(PathIn(runDir), JsonSerializer.Serialize(this, Json));

    /// <summary>The record in <paramref name="runDir"/>, or null when there is none or it cannot be read (then it is no record).</summary>
    public static CheckRecord? TryLoad(string runDir)
    {
        try
        {
            return File.Exists(PathIn(runDir)) ? JsonSerializer.Deserialize<CheckRecord>(File.ReadAllText(PathIn(runDir)), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Why this record does not describe <paramref name="run"/> as it is now, or null when it does.</summary>
    public string? Mismatch(RunDescription run, string inputs)
    {
        if (RunId != run.RunId)
            return $"it checked run {RunId}, not {run.RunId}";
        if (Period != run.Period.Key)
            return $"it checked period {Period}, not {run.Period.Key}";
        if (!ChunkIds.SequenceEqual(run.ChunkIds))
            return "the run's chunk set changed";
        if (Predictor != run.Predictor)
            return $"it checked predictor {Predictor}, the run's is {run.Predictor}";
        if (Inputs != inputs)
            return "the chunks, run.json, the land fraction, the options or the build changed since";
        return null;
    }

    /// <summary>
    /// The fingerprint of everything the products and their checks are made from: run.json, every chunk file, the
    /// land fraction, the options that shape the products (quicklooks, the domain's training dataset, the check
    /// options) and this build's code version.
    /// </summary>
    public static string InputsOf(string runDir, RunDescription run, PublishOptions options)
    {
        var text = new StringBuilder();
        void Add(string name, string? path) =>
            text.Append(name).Append(' ').Append(path is null || !File.Exists(path) ? "missing"
                : options.KnownHashes?.TryGetValue(Path.GetFullPath(path), out var known) == true ? known
                : FileHash.Sha256(path)).Append('\n');
        Add(RunDescription.FileName, Path.Combine(runDir, RunDescription.FileName));
        Add(RunDescription.LandFractionFileName, Path.Combine(runDir, RunDescription.LandFractionFileName));
        foreach (var id in run.ChunkIds)
            Add($"chunk {id}", InferenceService.ChunkPath(runDir, id));
        text.Append("quicklooks ").Append(options.Quicklooks).Append('\n');
        text.Append("domain ").Append(options.TrainingDataset is { } d ? Path.GetFullPath(d) : "none").Append('\n');
        if (options.TrainingDataset is { } dataset)
            Add("dataset", dataset);
        text.Append("checks ").Append(JsonSerializer.Serialize(options.Checks, OptionsJson)).Append('\n');
        text.Append("code ").Append(RunDescription.CodeVersionOfThisBuild).Append('\n');
        return FileHash.Sha256(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
