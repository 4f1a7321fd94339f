using System.Text.Json;

namespace TamRl.Upscale.Model.Training;

/// <summary>
/// The bookkeeping of a member's training, saved beside its weights after every epoch so an interrupted
/// run resumes where it stopped and ends with the same weights as an uninterrupted one.
/// </summary>
public sealed record CheckpointState
{
    public int Seed { get; init; }
    public string Model { get; init; } = "";
    /// <summary>A hash of the training options and sites; a checkpoint of other settings is refused.</summary>
    public string Fingerprint { get; init; } = "";
    /// <summary>The next epoch to run.</summary>
    public int NextEpoch { get; init; }
    public int BestEpoch { get; init; } = -1;
    public double BestHoldoutLoss { get; init; } = double.PositiveInfinity;
    public int EpochsWithoutImprovement { get; init; }
    public bool Finished { get; init; }
    public List<EpochReport> History { get; init; } = [];

    public const string StateFile = "checkpoint.json";
    public const string ModelFile = "checkpoint_model.bin";
    public const string OptimizerFile = "checkpoint_optimizer.bin";
    public const string BestFile = "best_model.bin";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static CheckpointState? TryLoad(string directory)
    {
        var path = Path.Combine(directory, StateFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(path), Json) : null;
    }

    /// <summary>Written last, after the weight files, through a temporary file and a rename.</summary>
    public void Save(string directory)
    {
        IO.Files.AtomicFile.WriteAllText(Path.Combine(directory, StateFile), JsonSerializer.Serialize(this, Json));
    }
}
