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

    /// <summary>
    /// The products' inference precision: "fp32" (default) or "bf16" (about 2x faster on CPUs with bf16 matmul, at an
    /// accuracy cost measured in bench/RESULTS.md, "Products in bf16"). Part of the predictions' identity.
    /// </summary>
    public string Precision { get; init; } = "fp32";

    /// <summary>
    /// What runs the network for the products: "torch" (TorchSharp, default) or "onnx" (ONNX Runtime on the CPU, fp32 only; 3.6-6.4x
    /// TorchSharp's fp32 rate on this project's 2-core machine, bench/RESULTS.md, "ONNX Runtime against TorchSharp"). Part of the
    /// predictions' identity.
    /// </summary>
    public string Engine { get; init; } = "torch";

    /// <summary>
    /// Why an engine cannot run at a precision on a device, or null when it can: ONNX Runtime runs here in fp32 on the CPU only.
    /// The one rule behind the configuration's check and <c>tamrl infer</c>'s options.
    /// </summary>
    public static string? EngineConflict(string engine, string precision, string device) =>
        engine == "onnx" && (precision != "fp32" || device == "cuda")
            ? $"onnx runs in fp32 on the CPU, not in {precision} on device {device}"
            : null;
}
