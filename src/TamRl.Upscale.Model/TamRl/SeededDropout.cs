using TorchSharp;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.TamRl;

/// <summary>
/// Dropout whose masks come from a generator the trainer hands it (<see cref="FluxSequenceModel.DrawDropoutFrom"/>),
/// not from libtorch's process-wide one, so members trained at the same time on several threads each draw their own
/// stream and a member's weights depend on its seed alone. The arithmetic is libtorch's own dropout on the CPU
/// (noise = bernoulli(1 - p), noise /= 1 - p, x * noise), so a generator seeded as the process-wide one was gives the
/// same masks bit for bit. In evaluation mode, or at rate 0, it passes its input through.
/// </summary>
public sealed class SeededDropout : nn.Module<Tensor, Tensor>
{
    private readonly double rate;
    private readonly Scalar keepFraction; // held for the module's life: a bare double would be a Scalar the collector may free mid-call (HeldScalars)

    public SeededDropout(string name, double rate) : base(name)
    {
        if (rate is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "dropout is at least 0 and below 1");
        this.rate = rate;
        keepFraction = (1 - rate).ToScalar();
    }

    /// <summary>Where training draws its masks; set by the trainer before the first training step.</summary>
    public Generator? Generator { get; set; }

    public override Tensor forward(Tensor x)
    {
        if (!training || rate == 0)
            return x;
        // Libtorch's global generator would do, but then parallel members would draw from one stream in whatever order
        // their threads ran, and the same seed would no longer give the same weights.
        var generator = Generator ?? throw new InvalidOperationException(
            "dropout in training mode needs its member's generator (FluxSequenceModel.DrawDropoutFrom); libtorch's shared one would make parallel members depend on each other");
        // TorchSharp 0.107 makes every Generator on the CPU, and libtorch refuses a CPU generator for a CUDA tensor: on
        // another device the mask is drawn on the CPU and moved (same seed, same mask on every device; not the masks CUDA's
        // own generator drew before members had generators).
        var noise = x.device_type == DeviceType.CPU
            ? empty_like(x).bernoulli_(1 - rate, generator)
            : empty(x.shape, x.dtype, CPU).bernoulli_(1 - rate, generator).to(x.device);
        noise.div_(keepFraction);
        return x.mul(noise);
    }
}
