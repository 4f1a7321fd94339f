using TamRl.Upscale.Model.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.TamRl;

/// <summary>
/// The forward model shared by TAM-RL, TAMLSTM and CT-LSTM: d = W_d x, LSTM layers, dropout and a head of
/// three raw outputs (GPP, RECO, NEE; see <see cref="FluxOutputs"/>). With a conditioning vector z it is
/// modulated at its input, s = 1 + ReLU(W_s z), LSTM input = s*d + s, and on its outputs by FiLM,
/// (g, b) = W_f z, h' = h*(1+g) + b. Without z (CT-LSTM, or TAM-RL's plain pre-training) d goes in as is.
/// </summary>
public sealed class FluxDecoder : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly Linear project;
    private readonly Linear? inputScale;
    private readonly Linear? film;
    private readonly ModuleList<LstmLayer> layers;
    private readonly SeededDropout dropout;
    private readonly Linear head;
    private readonly int hidden;

    public FluxDecoder(string name, int inputSize, int hiddenSize, int layerCount, int conditionSize, double dropoutRate) : base(name)
    {
        hidden = hiddenSize;
        project = nn.Linear(inputSize, hiddenSize);
        if (conditionSize > 0)
        {
            inputScale = nn.Linear(conditionSize, hiddenSize);
            film = nn.Linear(conditionSize, 2 * hiddenSize);
        }
        layers = nn.ModuleList(Enumerable.Range(0, layerCount).Select(i => new LstmLayer($"lstm{i}", hiddenSize, hiddenSize)).ToArray());
        dropout = new SeededDropout("dropout", dropoutRate);
        head = nn.Linear(hiddenSize, 3);
        RegisterComponents();
    }

    /// <summary>x [batch, time, input], z [batch, condition] or null; raw outputs [batch, time, 3].</summary>
    public override Tensor forward(Tensor x, Tensor? z)
    {
        var d = project.forward(x);
        if (z is not null)
        {
            if (inputScale is null || film is null)
                throw new InvalidOperationException("this decoder was built without conditioning and cannot take a task code");
            var s = nn.functional.relu(inputScale.forward(z)).add(HeldScalars.One).unsqueeze(1);
            d = s * d + s;
        }
        var h = d;
        foreach (var layer in layers)
            h = layer.forward(h);
        if (z is not null)
        {
            var gb = film!.forward(z).chunk(2, -1);
            h = h * gb[0].unsqueeze(1).add(HeldScalars.One) + gb[1].unsqueeze(1);
        }
        return head.forward(dropout.forward(h));
    }
}
