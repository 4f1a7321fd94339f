using TamRl.Upscale.Model.TamRl;

namespace TamRl.Upscale.Model.Training;

/// <summary>One epoch's outcome.</summary>
public sealed record EpochReport(int Epoch, double FitLoss, double HoldoutLoss, double Seconds, bool Improved, bool Modulated);

/// <summary>A trained ensemble member: the model at its best hold-out epoch, in evaluation mode.</summary>
public sealed record TrainedMember(FluxSequenceModel Model, int Seed, int BestEpoch, double BestHoldoutLoss, IReadOnlyList<EpochReport> History);
