using System.Reflection;
using TorchSharp;

namespace TamRl.Upscale.Model.Runtime;

/// <summary>
/// Numbers in the networks' tensor arithmetic, held where the garbage collector cannot free them mid-call.
/// TorchSharp turns a bare number in <c>1 + t</c>, <c>t / 2f</c> or <c>t.clamp_min(1e-6)</c> into a native
/// <see cref="Scalar"/> that only its finalizer frees (dotnet/TorchSharp pull requests 1434 and 1496 are about this),
/// and nothing references that object once its handle has been passed to libtorch, so the finalizer can free it while
/// libtorch is still reading it. What that looks like: a rare "Expected false to be true ... toFloat at
/// c10/core/Scalar.h:140" from a training step (seen in the train stage of real runs, bench/RESULTS.md, faults).
/// Constants live here for the process; a number that varies (a loss weight) is made with <c>using var s =
/// x.ToScalar()</c>, which keeps it alive to the end of its scope.
/// </summary>
internal static class HeldScalars
{
    public static readonly Scalar One = 1f.ToScalar();
    public static readonly Scalar Two = 2f.ToScalar();
    public static readonly Scalar Three = 3f.ToScalar();

    /// <summary>
    /// The encoder's LeakyReLU slope (TAM-RL's 0.2), as the double that <c>nn.LeakyReLU(0.2)</c> passed on: every encoder
    /// pass, in training and inference, used to make a temporary Scalar of it.
    /// </summary>
    public static readonly Scalar LeakySlope = 0.2.ToScalar();

    /// <summary>The floor of a sum of weights that divides a loss (an empty batch weighs nothing).</summary>
    public static readonly Scalar WeightFloor = 1e-6.ToScalar();

    private static readonly Scalar SoftplusBeta = 1.0.ToScalar();
    private static readonly Scalar SoftplusThreshold = 20.0.ToScalar();

    // TorchSharp 0.107's public softplus(double beta, double threshold) converts both to temporary Scalars and calls this
    // private overload; the flux heads call it on every forward pass. A TorchSharp without it gets the public call (the same
    // kernel, the temporaries back); HeldScalarsTests fails then, so an upgrade cannot lose the hold unnoticed.
    private static readonly Func<torch.Tensor, Scalar, Scalar, torch.Tensor>? SoftplusWithScalars =
        typeof(torch.Tensor).GetMethod("softplus1", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(Scalar), typeof(Scalar)])
            ?.CreateDelegate<Func<torch.Tensor, Scalar, Scalar, torch.Tensor>>();

    /// <summary>Whether <see cref="Softplus"/> holds its numbers (TorchSharp's private Scalar overload was found).</summary>
    internal static bool SoftplusHeld => SoftplusWithScalars is not null;

    /// <summary><c>nn.functional.softplus(x)</c> (beta 1, threshold 20), the same kernel, with its two numbers held.</summary>
    public static torch.Tensor Softplus(torch.Tensor x) =>
        SoftplusWithScalars is { } held ? held(x, SoftplusBeta, SoftplusThreshold) : torch.nn.functional.softplus(x);
}
