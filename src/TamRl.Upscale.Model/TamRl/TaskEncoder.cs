using TorchSharp;
using TorchSharp.Modules;
using TamRl.Upscale.Model.Runtime;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.TamRl;

/// <summary>
/// The inverse model of TAM-RL: per-day Linear, BatchNorm, LeakyReLU(0.2), a bidirectional LSTM whose
/// final states of both directions are summed, and a Linear to the task code. It reads drivers and
/// static features only (no fluxes), so every grid pixel can be encoded from its own history.
/// </summary>
public sealed class TaskEncoder : nn.Module<Tensor, Tensor>
{
    private readonly Linear embed;
    private readonly BatchNorm1d norm;
    private readonly LstmLayer forwardLstm;
    private readonly LstmLayer backwardLstm;
    private readonly Linear code;
    private readonly int hidden;

    public TaskEncoder(string name, int inputSize, int hiddenSize, int latentSize) : base(name)
    {
        hidden = hiddenSize;
        embed = nn.Linear(inputSize, hiddenSize);
        norm = nn.BatchNorm1d(hiddenSize);
        forwardLstm = new LstmLayer("forward_lstm", hiddenSize, hiddenSize);
        backwardLstm = new LstmLayer("backward_lstm", hiddenSize, hiddenSize, reverse: true);
        code = nn.Linear(hiddenSize, latentSize);
        RegisterComponents();
    }

    /// <summary>Windows [n, time, input] to one task code per window [n, latent].</summary>
    public override Tensor forward(Tensor windows)
    {
        var n = windows.shape[0];
        var steps = windows.shape[1];
        var e = embed.forward(windows).reshape(n * steps, hidden);
        // LeakyReLU(0.2) with the slope held (Runtime/HeldScalars), not nn.LeakyReLU's temporary Scalar per call.
        e = norm.forward(e).leaky_relu(HeldScalars.LeakySlope).reshape(n, steps, hidden);
        var (_, lastForward) = forwardLstm.Run(e);
        var (_, lastBackward) = backwardLstm.Run(e);
        return code.forward(lastForward + lastBackward);
    }

    /// <summary>
    /// The task code of each query from its support set [batch, k, time, input]: the mean of the support
    /// windows' codes (the code is linear in the summed states, so this is the code of the mean state).
    /// </summary>
    public Tensor EncodeSupport(Tensor support)
    {
        var batch = support.shape[0];
        var k = support.shape[1];
        var codes = forward(support.reshape(batch * k, support.shape[2], support.shape[3]));
        return codes.reshape(batch, k, -1).mean(new long[] { 1 });
    }
}
