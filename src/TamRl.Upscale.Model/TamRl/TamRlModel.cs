using static TorchSharp.torch;

namespace TamRl.Upscale.Model.TamRl;

/// <summary>
/// TAM-RL: the <see cref="TaskEncoder"/> turns the support set (other windows of the same location's
/// drivers) into a task code z that modulates the <see cref="FluxDecoder"/>. The query window is never
/// part of its own support set: the batch builder and the ensemble predictor both exclude it.
/// While <see cref="Modulated"/> is false (the plain pre-training phase) the decoder runs without z.
/// </summary>
public sealed class TamRlModel : FluxSequenceModel
{
    private readonly TaskEncoder encoder;
    private readonly FluxDecoder decoder;

    public TamRlModel(ModelArchitecture architecture) : base("tamrl", architecture)
    {
        encoder = new TaskEncoder("encoder", architecture.InputSize, architecture.Hidden, architecture.Latent);
        decoder = new FluxDecoder("decoder", architecture.InputSize, architecture.Hidden, architecture.Layers, architecture.Latent, architecture.Dropout);
        RegisterComponents();
    }

    public override bool UsesSupport => true;

    /// <summary>False during the decoder's plain pre-training.</summary>
    public bool Modulated { get; set; } = true;

    public TaskEncoder Encoder => encoder;

    public override Tensor forward(ModelInputs inputs)
    {
        if (!Modulated)
            return decoder.forward(inputs.Query, null);
        var z = inputs.TaskCode
            ?? (inputs.Support is null
                ? throw new ArgumentException("TAM-RL needs a support set or a task code")
                : encoder.EncodeSupport(inputs.Support));
        return decoder.forward(inputs.Query, z);
    }
}
