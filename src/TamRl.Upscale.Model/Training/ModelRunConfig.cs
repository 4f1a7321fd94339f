using System.Text.Json;
using System.Text.Json.Serialization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Model.Baselines;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.TamRl;

namespace TamRl.Upscale.Model.Training;

/// <summary>
/// The configuration of <c>tamrl train</c> and <c>tamrl evaluate</c> (schema: schemas/model-config.schema.json).
/// Relative paths are taken from the configuration file's folder.
/// </summary>
public sealed record ModelRunConfig
{
    /// <summary>The training dataset (docs/data-contracts.md §3, OUT/sites/training.nc).</summary>
    public required string Dataset { get; init; }
    /// <summary>splits.json beside it.</summary>
    public required string Splits { get; init; }
    /// <summary>train: whose training sites fit the bundle ("igbp", "koppen", or "all" for every site).</summary>
    public string Split { get; init; } = "igbp";
    /// <summary>train: the model the bundle holds.</summary>
    public string Model { get; init; } = "tamrl";
    /// <summary>evaluate: the models compared.</summary>
    public List<string> Models { get; init; } = ["trees", "ctlstm", "tamlstm", "tamrl"];
    /// <summary>evaluate: the stratifications compared.</summary>
    public List<string> EvaluateSplits { get; init; } = ["igbp", "koppen"];
    /// <summary>
    /// evaluate: repeat the comparison on stratified splits drawn anew with each of these seeds (IGBP and Koppen, the
    /// dataset's test fraction); empty: the splits of <see cref="Splits"/> once.
    /// </summary>
    public List<int> SplitSeeds { get; init; } = [];
    /// <summary>evaluate: the share of sites held out per stratum when splits are drawn by <see cref="SplitSeeds"/>.</summary>
    public double TestFraction { get; init; } = 0.2;
    /// <summary>evaluate: test days are those whose NEE QC is at least this (1: the paper's rule).</summary>
    public double MinimumTestQc { get; init; } = 1.0;
    /// <summary>evaluate: CarbonBench's per-site results (data/real/carbonbench) shown beside ours for the sites both scored; null for none.</summary>
    public string? CarbonBench { get; init; }
    /// <summary>Ensemble seeds, one member each (10 for products).</summary>
    public List<int> Seeds { get; init; } = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    /// <summary>auto, cpu or cuda.</summary>
    public string Device { get; init; } = "auto";
    /// <summary>fp32 or bf16 (evaluation's inference).</summary>
    public string Precision { get; init; } = "fp32";
    public TrainingOptions Training { get; init; } = new();
    /// <summary>
    /// The driver cube folder whose land the towers are weighted to represent when <c>training.classWeights</c> is
    /// "land" (its static.nc: land fraction, IGBP and Koppen per cell); unused otherwise. A pipeline run sets its own
    /// cube here.
    /// </summary>
    public string? LandCover { get; init; }
    public TreesOptions Trees { get; init; } = new();
    /// <summary>evaluate: the sample world's truth/towers.csv, scored beside the models as the floors of the comparison (optional).</summary>
    public string? TowerTruth { get; init; }

    [JsonIgnore] public string SourcePath { get; init; } = "";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static ModelRunConfig Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new InvalidInputException(full, null, "configuration file not found");
        ModelRunConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<ModelRunConfig>(File.ReadAllText(full), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(full, e.Path, $"not a valid model configuration: {e.Message}", e);
        }
        if (config is null)
            throw new InvalidInputException(full, null, "the configuration is empty");
        if (config.Seeds.Count == 0)
            throw new InvalidInputException(full, "seeds", "at least one seed is needed");
        foreach (var (field, value) in new[] { ("model", config.Model) }.Concat(config.Models.Select(m => ("models", m))))
            try
            {
                ModelKinds.Parse(value);
            }
            catch (ArgumentException e)
            {
                throw new InvalidInputException(full, field, e.Message);
            }
        if (ModelKinds.Parse(config.Model) == ModelKind.Trees)
            throw new InvalidInputException(full, "model", "a bundle holds a sequence model (tamrl, ctlstm or tamlstm)");
        // Checked here, not when the bundle is first used: a bad value must not surface after hours of training.
        if (config.Training.WarmupDays < 0)
            throw new InvalidInputException(full, "training.warmupDays", $"expected 0 or more days, got {config.Training.WarmupDays}");
        if (TamRl.FluxOutputs.ParseMode(config.Training.Balance) is null)
            throw new InvalidInputException(full, "training.balance", $"expected \"equal\" or \"nee\", got \"{config.Training.Balance}\"");
        if (config.Training.TrainWarmupDays < 0)
            throw new InvalidInputException(full, "training.trainWarmupDays", $"expected 0 or more days, got {config.Training.TrainWarmupDays}");
        if (!(config.Training.WindowMeanWeight >= 0) || double.IsInfinity(config.Training.WindowMeanWeight))
            throw new InvalidInputException(full, "training.windowMeanWeight", $"expected a finite weight of 0 or more, got {config.Training.WindowMeanWeight}");
        if (config.Training.ClassWeights is not ("equal" or "land"))
            throw new InvalidInputException(full, "training.classWeights", $"expected \"equal\" or \"land\", got \"{config.Training.ClassWeights}\"");
        if (config.SplitSeeds.Distinct().Count() != config.SplitSeeds.Count || config.SplitSeeds.Contains(0))
            throw new InvalidInputException(full, "splitSeeds", $"expected distinct seeds other than 0, got [{string.Join(", ", config.SplitSeeds)}]");
        if (!(config.MinimumTestQc is > 0 and <= 1))
            throw new InvalidInputException(full, "minimumTestQc", $"expected a QC fraction in (0, 1], got {config.MinimumTestQc}");
        if (!(config.TestFraction is > 0 and < 1))
            throw new InvalidInputException(full, "testFraction", $"expected a share in (0, 1), got {config.TestFraction}");
        if (config.Precision is not ("fp32" or "bf16"))
            throw new InvalidInputException(full, "precision", $"expected fp32 or bf16, got '{config.Precision}'");
        if (config.Device is not ("auto" or "cpu" or "cuda"))
            throw new InvalidInputException(full, "device", $"expected auto, cpu or cuda, got '{config.Device}'");
        return config with { SourcePath = full };
    }

    public string Resolve(string path) => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(SourcePath) ?? ".", path));

    /// <summary>
    /// The land shares of <see cref="LandCover"/> when the class weights ask for them (read before any training, so a
    /// missing cube fails at once), else null.
    /// </summary>
    public LandClassShares? LandShares()
    {
        if (Training.ClassWeights != "land")
            return null;
        if (string.IsNullOrWhiteSpace(LandCover))
            throw new InvalidInputException(SourcePath, "landCover", "training.classWeights \"land\" needs the driver cube folder whose land the towers represent");
        return LandClassShares.Read(Resolve(LandCover));
    }

    public InferencePrecision InferencePrecision => InferencePrecisions.Parse(Precision) ?? InferencePrecision.Float32; // validated by Load
}
