namespace TamRl.Upscale.Model.Bundle;

/// <summary>The number format inference runs in; outputs are float32 either way.</summary>
public enum InferencePrecision
{
    Float32,
    /// <summary>bfloat16 weights and activations (about 1.4x faster on these CPUs, ~3 significant digits).</summary>
    BFloat16,
}
