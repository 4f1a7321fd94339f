using TorchSharp;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.TamRl;

/// <summary>
/// A model that maps a window of daily inputs to raw flux outputs [batch, time, 3] (see
/// <see cref="FluxOutputs"/> for their meaning). One subclass per model, each in its own file.
/// </summary>
public abstract class FluxSequenceModel : nn.Module<ModelInputs, Tensor>
{
    protected FluxSequenceModel(string name, ModelArchitecture architecture) : base(name) => Architecture = architecture;

    public ModelArchitecture Architecture { get; }

    /// <summary>Whether the model reads a support set (TAM-RL).</summary>
    public virtual bool UsesSupport => false;

    /// <summary>
    /// Makes every dropout of this model draw its training masks from <paramref name="generator"/> (the member's own, a CPU
    /// generator); null takes it away again, so that training the model further needs a generator of its own.
    /// </summary>
    public void DrawDropoutFrom(Generator? generator)
    {
        foreach (var module in modules())
            if (module is SeededDropout dropout)
                dropout.Generator = generator;
    }
}
