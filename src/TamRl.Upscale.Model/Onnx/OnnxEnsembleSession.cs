using Microsoft.ML.OnnxRuntime;

namespace TamRl.Upscale.Model.Onnx;

/// <summary>
/// An exported TAM-RL ensemble (<see cref="TamRlOnnxExport"/>) in an ONNX Runtime session on the CPU execution provider:
/// support windows and decode windows in, every member's balanced fluxes out, in the layout of the stacked TorchSharp path
/// ([members, rows, days, 3]). The inputs are the caller's arrays, wrapped without a copy.
/// </summary>
public sealed class OnnxEnsembleSession : IDisposable
{
    private readonly InferenceSession session;
    private readonly int members;
    private readonly int width;

    /// <param name="model">The ONNX model's bytes.</param>
    /// <param name="intraOpThreads">Threads inside each operator; 0: the CPUs this process may use (<see cref="Environment.ProcessorCount"/>).
    /// Not ONNX Runtime's own default: on the 2-core development machine it ran the products in one thread, half the rate of two
    /// (bench/RESULTS.md, "Products: a 0.5 degree year with the product ensemble").</param>
    public OnnxEnsembleSession(byte[] model, int members, int width, int intraOpThreads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        this.members = members;
        this.width = width;
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads > 0 ? intraOpThreads : Environment.ProcessorCount,
            InterOpNumThreads = 1,
        };
        // Idle pool threads sleep rather than spin: the machine is shared, as OMP_WAIT_POLICY=PASSIVE does for libtorch.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        session = new InferenceSession(model, options);
    }

    /// <summary>
    /// Every member's balanced fluxes [members, pixels * tiles, days, 3] (flattened) of <paramref name="support"/> [pixels, k,
    /// supportDays, width] and <paramref name="windows"/> [pixels, tiles, days, width].
    /// </summary>
    public float[] Run(float[] support, int pixels, int supportWindows, int supportDays, float[] windows, int tiles, int days)
    {
        using var supportValue = OrtValue.CreateTensorValueFromMemory(support, [pixels, supportWindows, supportDays, width]);
        using var windowsValue = OrtValue.CreateTensorValueFromMemory(windows, [pixels, tiles, days, width]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["support", "windows"], [supportValue, windowsValue], ["fluxes"]);
        var result = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        if (result.Length != (long)members * pixels * tiles * days * 3)
            throw new InvalidOperationException($"the ONNX ensemble returned {result.Length} values, expected {members} x {pixels} x {tiles} x {days} x 3");
        return result;
    }

    public void Dispose() => session.Dispose();
}
