namespace TamRl.Upscale.Model.Baselines;

/// <summary>
/// Gradient-boosted trees set up the way FLUXCOM-X-BASE uses XGBoost: one regressor per flux on per-day
/// features (the day's drivers, the static one-hots and the location, no history), squared error,
/// shrinkage with many shallow-to-medium trees, row and column subsampling, early stopping on the
/// temporal hold-out of the training sites. Values are XGBoost-like defaults, not tuned here.
/// </summary>
public sealed record TreesOptions
{
    public int Iterations { get; init; } = 500;
    public double LearningRate { get; init; } = 0.05;
    public int Leaves { get; init; } = 63;
    public int MinimumExamplesPerLeaf { get; init; } = 20;
    public double RowSubsample { get; init; } = 0.5;
    public double ColumnSubsample { get; init; } = 0.8;
    public double L2 { get; init; } = 1.0;
    public int EarlyStoppingRounds { get; init; } = 30;
    public int Threads { get; init; } = 2;
}
