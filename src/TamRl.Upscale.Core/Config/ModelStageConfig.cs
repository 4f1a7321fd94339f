namespace TamRl.Upscale.Core.Config;

/// <summary>
/// The "model" section: how the pipeline's train stage gets its model bundle. Either <see cref="Bundle"/>
/// (reuse a trained bundle) or <see cref="Config"/> (a model configuration, schemas/model-config.schema.json,
/// whose dataset and splits are replaced by the run's own OUT/sites files).
/// </summary>
public sealed record ModelStageConfig
{
    /// <summary>A model configuration file to train with (relative to the pipeline configuration).</summary>
    public string? Config { get; init; }

    /// <summary>An existing model bundle folder to reuse instead of training.</summary>
    public string? Bundle { get; init; }

    /// <summary>Also compare TAM-RL with the baselines on held-out sites (OUT/reports/evaluation.*).</summary>
    public bool Evaluate { get; init; } = true;

    /// <summary>auto, cpu or cuda.</summary>
    public string Device { get; init; } = "auto";
}
