namespace TamRl.Upscale.Products.Inference;

/// <summary>Where the predictor runs; passed through to the model's loader (inference itself is device-neutral).</summary>
public enum InferenceDevice
{
    /// <summary>CUDA when the model's runtime finds a GPU, else CPU.</summary>
    Auto,
    Cpu,
    Cuda,
}

public static class InferenceDevices
{
    public static InferenceDevice Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => InferenceDevice.Auto,
        "cpu" => InferenceDevice.Cpu,
        "cuda" => InferenceDevice.Cuda,
        _ => throw new ArgumentException($"device '{text}': expected auto, cpu or cuda"),
    };
}
