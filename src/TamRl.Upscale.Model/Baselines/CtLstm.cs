using TamRl.Upscale.Model.TamRl;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Baselines;

/// <summary>
/// CT-LSTM baseline: the static features (one-hot IGBP and Koppen, location) travel concatenated with
/// the drivers in every day's input, and the decoder runs unmodulated.
/// </summary>
public sealed class CtLstm : FluxSequenceModel
{
    private readonly FluxDecoder decoder;

    public CtLstm(ModelArchitecture architecture) : base("ctlstm", architecture)
    {
        decoder = new FluxDecoder("decoder", architecture.InputSize, architecture.Hidden, architecture.Layers, 0, architecture.Dropout);
        RegisterComponents();
    }

    public override Tensor forward(ModelInputs inputs) => decoder.forward(inputs.Query, null);
}
