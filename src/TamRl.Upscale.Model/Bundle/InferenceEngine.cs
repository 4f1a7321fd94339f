namespace TamRl.Upscale.Model.Bundle;

/// <summary>What runs the network at inference.</summary>
public enum InferenceEngine
{
    /// <summary>TorchSharp (libtorch): the members one by one, or stacked (<see cref="TamRl.StackedTamRl"/>); fp32 or bf16, CPU or CUDA.</summary>
    Torch,

    /// <summary>
    /// ONNX Runtime's CPU execution provider on the exported ensemble (<see cref="Onnx.TamRlOnnxExport"/>): fp32 TAM-RL with one
    /// code per pixel only. Measured against TorchSharp in bench/RESULTS.md ("ONNX Runtime against TorchSharp").
    /// </summary>
    Onnx,
}

/// <summary>The engine names of configurations and the command line, and what an engine makes of a predictor's identity.</summary>
public static class InferenceEngines
{
    /// <summary>"torch" or "onnx"; null for anything else.</summary>
    public static InferenceEngine? Parse(string? name) => name switch
    {
        "torch" => InferenceEngine.Torch,
        "onnx" => InferenceEngine.Onnx,
        _ => null,
    };

    /// <summary>
    /// The identity of a bundle's predictions at a precision and engine: <see cref="InferencePrecisions.Identity"/> (the bundle's own
    /// with TorchSharp in fp32, as before the option), with "+onnx" for ONNX Runtime, so that chunks computed by one engine are
    /// never assembled with, or resumed as, the other's (they agree to float rounding, not bit for bit).
    /// </summary>
    public static string Identity(string bundleIdentity, InferencePrecision precision, InferenceEngine engine) =>
        InferencePrecisions.Identity(bundleIdentity, precision) + (engine == InferenceEngine.Onnx ? "+onnx" : "");
}
