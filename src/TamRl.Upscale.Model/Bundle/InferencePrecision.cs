namespace TamRl.Upscale.Model.Bundle;

/// <summary>The number format inference runs in; outputs are float32 either way.</summary>
public enum InferencePrecision
{
    Float32,
    /// <summary>bfloat16 weights and activations (about 1.4x faster on these CPUs, ~3 significant digits).</summary>
    BFloat16,
}

/// <summary>The precision names of configurations and the command line, and what a precision makes of a model's identity.</summary>
public static class InferencePrecisions
{
    /// <summary>"fp32" or "bf16"; null for anything else.</summary>
    public static InferencePrecision? Parse(string? name) => name switch
    {
        "fp32" => InferencePrecision.Float32,
        "bf16" => InferencePrecision.BFloat16,
        _ => null,
    };

    /// <summary>
    /// The identity of a bundle's predictions at a precision: the bundle's own in fp32 (as before the option), with
    /// "+bf16" otherwise, so that chunks computed in one precision are never assembled with, or resumed as, the other's.
    /// </summary>
    public static string Identity(string bundleIdentity, InferencePrecision precision) =>
        precision == InferencePrecision.Float32 ? bundleIdentity : bundleIdentity + "+bf16";
}
