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
