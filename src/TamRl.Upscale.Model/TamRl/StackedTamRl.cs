using TamRl.Upscale.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.TamRl;

/// <summary>
/// An ensemble of TAM-RL members as one computation, for inference: every member's weights stacked on a leading
/// member dimension, so each step of the recurrences is one batched product and one set of element-wise kernels
/// for all members (and, in the encoder, both directions) instead of one per member and direction. On a CPU the
/// per-step kernels of a single member are small enough that their fixed cost rivals their arithmetic; stacked,
/// they are ten to twenty times larger. Layers whose input all members share (the encoder's embedding, the
/// decoder's projection) are one product with the members' weights side by side. The encoder's BatchNorm (eval
/// mode: running statistics) is folded into the embedding. Computes exactly what <see cref="TamRlModel"/> does
/// with a task code from <see cref="TaskEncoder.EncodeSupport"/>, up to float rounding
/// (StackedTamRlTests). TorchSharp's <c>a.baddbmm(b, bias)</c> is bias + a b (its static form takes its arguments in
/// another order). Weights are copied: the members are not changed and not needed afterwards.
/// </summary>
public sealed class StackedTamRl : IDisposable
{
    private const double BatchNormEpsilon = 1e-5;

    private readonly int members;
    private readonly int hidden;
    // Encoder: embedding (BatchNorm folded) [input, M*h] and bias [M*h]; both directions' LSTMs stacked [2M, ...]
    // (forward members first); code [M, h, latent].
    private readonly Tensor embedWeight, embedBias, encoderInput, encoderInputBias, encoderHidden, codeWeight, codeBias;
    // Decoder: projection [input, M*h]; input scale [M, latent, h]; FiLM [M, latent, 2h]; LSTM layers; head [M, h, 3].
    private readonly Tensor projectWeight, projectBias, scaleWeight, scaleBias, filmWeight, filmBias, headWeight, headBias;
    private readonly (Tensor Input, Tensor Bias, Tensor Hidden)[] layers;

    public StackedTamRl(IReadOnlyList<TamRlModel> models, ScalarType dtype, Device device)
    {
        if (models.Count == 0)
            throw new ArgumentException("an ensemble needs at least one member");
        var architecture = models[0].Architecture;
        if (models.Any(m => m.Architecture != architecture || !m.Modulated))
            throw new ArgumentException("stacked members must share one architecture and be modulated");
        members = models.Count;
        hidden = architecture.Hidden;
        var states = models.Select(m => m.state_dict()).ToList();
        // Temporaries of the construction die with this scope; the stacked weights are detached from it and owned here.
        using var building = NewDisposeScope();
        using (no_grad())
        {
            Tensor Stack(string name) => stack(states.Select(s => s[name].detach()).ToArray()).to(ScalarType.Float32);
            Tensor Transposed(string name) => Stack(name).transpose(1, 2);
            Tensor Row(string name) => Stack(name).unsqueeze(1);
            Tensor Ready(Tensor t) => t.to(dtype).to(device).contiguous();

            // BatchNorm in eval mode is y = (x - mean) * scale + beta, scale = gamma / sqrt(var + eps): folded into the embedding.
            using var epsilon = BatchNormEpsilon.ToScalar();
            var scale = Stack("encoder.norm.weight") / Stack("encoder.norm.running_var").add(epsilon).sqrt(); // [M, h]
            var shift = Stack("encoder.norm.bias") - Stack("encoder.norm.running_mean") * scale;
            embedWeight = Ready((Transposed("encoder.embed.weight") * scale.unsqueeze(1)).permute(1, 0, 2).reshape(architecture.InputSize, members * hidden));
            embedBias = Ready((Stack("encoder.embed.bias") * scale + shift).reshape(members * hidden));
            var directions = new[] { "encoder.forwardLstm", "encoder.backwardLstm" };
            encoderInput = Ready(cat(directions.Select(d => Transposed($"{d}.input.weight")).ToArray()));
            encoderInputBias = Ready(cat(directions.Select(d => Row($"{d}.input.bias")).ToArray()));
            encoderHidden = Ready(cat(directions.Select(d => Transposed($"{d}.hidden.weight")).ToArray()));
            codeWeight = Ready(Transposed("encoder.code.weight"));
            codeBias = Ready(Row("encoder.code.bias"));

            projectWeight = Ready(Transposed("decoder.project.weight").permute(1, 0, 2).reshape(architecture.InputSize, members * hidden));
            projectBias = Ready(Stack("decoder.project.bias").reshape(members * hidden));
            scaleWeight = Ready(Transposed("decoder.inputScale.weight"));
            scaleBias = Ready(Row("decoder.inputScale.bias"));
            filmWeight = Ready(Transposed("decoder.film.weight"));
            filmBias = Ready(Row("decoder.film.bias"));
            layers = Enumerable.Range(0, architecture.Layers).Select(i => (
                Ready(Transposed($"decoder.layers.{i}.input.weight")),
                Ready(Row($"decoder.layers.{i}.input.bias")),
                Ready(Transposed($"decoder.layers.{i}.hidden.weight")))).ToArray();
            headWeight = Ready(Transposed("decoder.head.weight"));
            headBias = Ready(Row("decoder.head.bias"));
        }
        foreach (var t in Weights())
            t.DetachFromDisposeScope();
    }

    /// <summary>
    /// Task codes [M, pixels, latent] from each pixel's support windows [pixels, k, time, input]: per member, the mean of
    /// the windows' codes, as <see cref="TaskEncoder.EncodeSupport"/>.
    /// </summary>
    public Tensor EncodeSupport(Tensor support)
    {
        var (pixels, k, steps) = (support.shape[0], support.shape[1], support.shape[2]);
        var windows = pixels * k;
        var e = TimeMajor(support.reshape(windows, steps, -1)).matmul(embedWeight).add_(embedBias).leaky_relu(HeldScalars.LeakySlope);
        e = e.view(steps, windows, members, hidden).permute(2, 0, 1, 3); // [M, time, windows, h]
        // Both directions at once: the backward members read the windows reversed in time, so one loop runs both.
        var both = cat(new[] { e, e.flip(1) }).reshape(2 * members, steps * windows, hidden);
        var gates = both.baddbmm(encoderInput, encoderInputBias).view(2 * members, steps, windows, 4 * hidden);
        var last = Recur(gates, encoderHidden, null);
        var summed = last.narrow(0, 0, members) + last.narrow(0, members, members); // [M, windows, h]
        var codes = summed.baddbmm(codeWeight, codeBias);
        return codes.view(members, pixels, k, -1).mean(new long[] { 2 });
    }

    /// <summary>Raw outputs [M, pixels * tiles, time, 3] of decode windows [pixels * tiles, time, input] with each pixel's codes [M, pixels, latent].</summary>
    public Tensor Decode(Tensor windows, Tensor codes)
    {
        var (rows, steps) = (windows.shape[0], windows.shape[1]);
        var pixels = codes.shape[1];
        var tiles = rows / pixels;
        var d = TimeMajor(windows).matmul(projectWeight).add_(projectBias)
            .view(steps, pixels, tiles, members, hidden).permute(3, 0, 1, 2, 4); // [M, time, pixels, tiles, h]
        var s = nn.functional.relu(codes.baddbmm(scaleWeight, scaleBias)).add_(HeldScalars.One).view(members, 1, pixels, 1, hidden);
        var h = (s * d + s).reshape(members, steps * rows, hidden);
        foreach (var (input, bias, recurrent) in layers)
        {
            var gates = h.baddbmm(input, bias).view(members, steps, rows, 4 * hidden);
            var outputs = new Tensor[steps];
            Recur(gates, recurrent, outputs);
            h = stack(outputs, 1).view(members, steps * rows, hidden);
        }
        var gb = codes.baddbmm(filmWeight, filmBias).view(members, 1, pixels, 1, 2 * hidden).chunk(2, -1);
        h = (h.view(members, steps, pixels, tiles, hidden) * gb[0].add(HeldScalars.One) + gb[1]).view(members, steps * rows, hidden);
        return h.baddbmm(headWeight, headBias).view(members, steps, rows, 3).transpose(1, 2).contiguous();
    }

    /// <summary>
    /// Windows [rows, time, input] as rows of [time * rows, input], time first: every tensor after it is laid out time-major,
    /// so that each step of the recurrences reads and writes one contiguous slice (a member's slices stay small, the
    /// stacked ones do not, and strided slices of them fell out of cache: 2.6x slower at 16 pixels per batch).
    /// </summary>
    private static Tensor TimeMajor(Tensor windows) => windows.transpose(0, 1).reshape(-1, windows.shape[2]);

    /// <summary>
    /// The LSTM cell loop of <see cref="LstmLayer.Run"/> over stacked, time-major gate inputs [stack, time, rows, 4h];
    /// every step's hidden state into <paramref name="outputs"/> when given; returns the last.
    /// </summary>
    private Tensor Recur(Tensor gatesFromInput, Tensor recurrent, Tensor[]? outputs)
    {
        var (stackSize, steps, rows) = (gatesFromInput.shape[0], (int)gatesFromInput.shape[1], gatesFromInput.shape[2]);
        var h = zeros(new long[] { stackSize, rows, hidden }, gatesFromInput.dtype, gatesFromInput.device);
        var c = zeros(new long[] { stackSize, rows, hidden }, gatesFromInput.dtype, gatesFromInput.device);
        for (var t = 0; t < steps; t++)
        {
            using var step = NewDisposeScope();
            var gates = h.baddbmm(recurrent, gatesFromInput.select(1, t));
            var parts = gates.sigmoid().chunk(4, -1);
            var g = gates.narrow(-1, 2 * hidden, hidden).tanh();
            c = addcmul(parts[1] * c, parts[0], g, HeldScalars.One);
            h = parts[3] * c.tanh();
            c.MoveToOuterDisposeScope();
            h.MoveToOuterDisposeScope();
            if (outputs is not null)
                outputs[t] = h;
        }
        return h;
    }

    private IEnumerable<Tensor> Weights() =>
        new[] { embedWeight, embedBias, encoderInput, encoderInputBias, encoderHidden, codeWeight, codeBias,
            projectWeight, projectBias, scaleWeight, scaleBias, filmWeight, filmBias, headWeight, headBias }
        .Concat(layers.SelectMany(l => new[] { l.Input, l.Bias, l.Hidden }));

    public void Dispose()
    {
        foreach (var t in Weights())
            t.Dispose();
    }
}
