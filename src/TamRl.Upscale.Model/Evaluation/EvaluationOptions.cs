using TamRl.Upscale.Model.Baselines;
using TamRl.Upscale.Model.Bundle;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;

namespace TamRl.Upscale.Model.Evaluation;

/// <summary>What a comparison trains and scores.</summary>
public sealed record EvaluationOptions
{
    public IReadOnlyList<ModelKind> Models { get; init; } = [ModelKind.Trees, ModelKind.CtLstm, ModelKind.TamLstm, ModelKind.TamRl];
    /// <summary>Stratifications of splits.json to run ("igbp", "koppen"), when the splits are not given as <see cref="EvaluationSplit"/>s.</summary>
    public IReadOnlyList<string> Splits { get; init; } = ["igbp", "koppen"];
    /// <summary>Test days are those whose NEE QC is at least this (1: the paper's).</summary>
    public double MinimumTestQc { get; init; } = FluxMetrics.DefaultMinimumQc;
    /// <summary>Ensemble seeds of the sequence models (the trees use the first).</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];
    public TrainingOptions Training { get; init; } = new();
    public TreesOptions Trees { get; init; } = new();
    /// <summary>The land the towers are weighted to represent when <see cref="TrainingOptions.ClassWeights"/> is "land" (each split's training sites get their own weights).</summary>
    public LandClassShares? LandShares { get; init; }
    public InferencePrecision Precision { get; init; } = InferencePrecision.Float32;
    /// <summary>Where members checkpoint (CHECKPOINTS/SPLIT/MODEL/member_NN); null for none.</summary>
    public string? CheckpointRoot { get; init; }
    /// <summary>The sample world's noise-free tower fluxes, scored as the comparison's floors; null for none.</summary>
    public TowerTruth? TowerTruth { get; init; }
}
