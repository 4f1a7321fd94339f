using TamRl.Upscale.Model.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.TamRl;

/// <summary>
/// One LSTM layer written as a cell loop. The input projection of all steps is one matrix product, the
/// recurrence one small product per step. On this machine's CPU this trains faster than the fused LSTM
/// (oneDNN's reference kernels are slow in training), avoids TorchSharp 0.107's LSTMCell null-state
/// throw, and works unchanged in bfloat16. Gate order i, f, g, o as in PyTorch.
/// </summary>
public sealed class LstmLayer : nn.Module<Tensor, Tensor>
{
    private readonly Linear input;
    private readonly Linear hidden;
    private readonly int hiddenSize;
    private readonly bool reverse;

    public LstmLayer(string name, int inputSize, int hiddenSize, bool reverse = false) : base(name)
    {
        this.hiddenSize = hiddenSize;
        this.reverse = reverse;
        input = nn.Linear(inputSize, 4 * hiddenSize);
        hidden = nn.Linear(hiddenSize, 4 * hiddenSize, hasBias: false);
        RegisterComponents();
    }

    /// <summary>x [batch, time, input] to the hidden states of every step [batch, time, hidden].</summary>
    public override Tensor forward(Tensor x) => Run(x).Outputs;

    /// <summary>The hidden states of every step and the last one computed (the first step when reversed).</summary>
    public (Tensor Outputs, Tensor Last) Run(Tensor x)
    {
        var batch = x.shape[0];
        var steps = (int)x.shape[1];
        var gatesFromInput = input.forward(x);
        var h = zeros(new long[] { batch, hiddenSize }, x.dtype, x.device);
        var c = zeros(new long[] { batch, hiddenSize }, x.dtype, x.device);
        var outputs = new Tensor[steps];
        for (var k = 0; k < steps; k++)
        {
            // A scope per step frees the step's gate temporaries at once; without it TorchSharp keeps them until the
            // caller's scope ends, ~7x the memory PredictorBatching budgets on CUDA (bench/RESULTS.md, the C# path on
            // a lent H200). Autograd keeps what backward needs through its own references, so training is unchanged.
            using var step = NewDisposeScope();
            var t = reverse ? steps - 1 - k : k;
            // Fewer, larger element-wise kernels: inference is bound by them, not by the products.
            var gates = addmm(gatesFromInput.select(1, t), h, hidden.weight!.t(), 1f, 1f);
            var sig = gates.sigmoid();
            var parts = sig.chunk(4, -1);
            var g = gates.narrow(-1, 2 * hiddenSize, hiddenSize).tanh();
            c = addcmul(parts[1] * c, parts[0], g, HeldScalars.One);
            h = parts[3] * c.tanh();
            // h and c outlive the step: the next step reads both, the stacked outputs read every h.
            c.MoveToOuterDisposeScope();
            h.MoveToOuterDisposeScope();
            outputs[t] = h;
        }
        return (stack(outputs, 1), h);
    }
}
