using TamRl.Upscale.Model.TamRl;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Baselines;

/// <summary>
/// TAMLSTM baseline: TAM-RL's decoder, modulated (input scaling and FiLM) by the static features
/// themselves instead of a code learned from the location's history.
/// </summary>
public sealed class TamLstm : FluxSequenceModel
{
    private readonly FluxDecoder decoder;

    public TamLstm(ModelArchitecture architecture) : base("tamlstm", architecture)
    {
        decoder = new FluxDecoder("decoder", architecture.InputSize, architecture.Hidden, architecture.Layers, architecture.StaticSize, architecture.Dropout);
        RegisterComponents();
    }

    public override Tensor forward(ModelInputs inputs) => decoder.forward(inputs.Query, inputs.Static);
}
