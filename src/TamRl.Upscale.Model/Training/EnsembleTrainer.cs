using TamRl.Upscale.Model.TamRl;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Training;

/// <summary>
/// Trains an ensemble of members that differ only in their seed, each with its own checkpoint folder
/// (<c>CHECKPOINTS/member_NN</c>) so an interrupted ensemble resumes member by member.
/// </summary>
public sealed class EnsembleTrainer
{
    private readonly MemberTrainer trainer;

    public EnsembleTrainer(EncodedSites sites, IReadOnlyList<int> trainSites, TrainingOptions options, Device device, float[]? siteWeights = null)
        => trainer = new MemberTrainer(sites, trainSites, options, device, siteWeights);

    public IReadOnlyList<TrainedMember> Train(ModelKind kind, IReadOnlyList<int> seeds, string? checkpointRoot = null,
        Action<int, EpochReport>? progress = null, CancellationToken cancel = default)
    {
        var members = new List<TrainedMember>();
        for (var i = 0; i < seeds.Count; i++)
        {
            var index = i;
            var directory = checkpointRoot is null ? null : Path.Combine(checkpointRoot, ModelKinds.Name(kind), $"member_{i:D2}");
            members.Add(trainer.Train(kind, seeds[i], directory, r => progress?.Invoke(index, r), cancel));
        }
        return members;
    }
}
