namespace TamRl.Upscale.Model.TamRl;

/// <summary>The sizes a sequence model is built with; recorded in the bundle so inference rebuilds it.</summary>
/// <param name="Kind">Which model.</param>
/// <param name="InputSize">Per-day input features (drivers plus static encoding).</param>
/// <param name="StaticSize">Static features (TAMLSTM's conditioning vector).</param>
/// <param name="Hidden">LSTM hidden size (paper: 128).</param>
/// <param name="Latent">Task code size (paper: 32 or 64).</param>
/// <param name="Layers">Decoder LSTM layers (paper: 1 or 2).</param>
/// <param name="Dropout">Dropout before the head.</param>
public sealed record ModelArchitecture(ModelKind Kind, int InputSize, int StaticSize, int Hidden, int Latent, int Layers, double Dropout)
{
    public FluxSequenceModel Build() => Kind switch
    {
        ModelKind.TamRl => new TamRlModel(this),
        ModelKind.CtLstm => new Baselines.CtLstm(this),
        ModelKind.TamLstm => new Baselines.TamLstm(this),
        _ => throw new ArgumentException($"{ModelKinds.Name(Kind)} is not a sequence model"),
    };
}
