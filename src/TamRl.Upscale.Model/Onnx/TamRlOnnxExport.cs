using TamRl.Upscale.Model.TamRl;
using TorchSharp;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Onnx;

/// <summary>
/// A TAM-RL ensemble as one ONNX graph (opset <see cref="Opset"/>), computing what <see cref="Bundle.EnsemblePredictor"/>
/// computes per member before it averages: each pixel's task code from its support windows, then every decode window of
/// the pixel decoded with that code, the raw heads made physical and balanced (<see cref="FluxOutputs"/>).
/// <list type="bullet">
/// <item>Inputs, float32, per-day vectors as <see cref="Training.FeatureEncoding.EncodeSeries"/> gives them (standardised
/// drivers, then the static one-hots and location): <c>support</c> [pixels, support_windows, support_days, features] and
/// <c>windows</c> [pixels, tiles, days, features].</item>
/// <item>Output <c>fluxes</c> [members, pixels, tiles, days, 3]: GPP, RECO, NEE in g C m-2 d-1, each member's balanced
/// values (NEE = RECO - GPP); the product is their mean, NEE recomputed from the means.</item>
/// </list>
/// Members are parallel branches (ONNX's LSTM has one weight set per node); the layers whose input all members share (the
/// encoder's embedding with its BatchNorm folded, as <see cref="StackedTamRl"/> does, and the decoder's projection) are one
/// MatMul with the members' weights side by side. The project's <see cref="LstmLayer"/> is the standard LSTM (sigmoid
/// gates, tanh cell, no peepholes, a bias on the input projection only), so it maps onto ONNX's LSTM op: gates reordered
/// from PyTorch's i, f, g, o to ONNX's i, o, f, c, the recurrent bias Rb zero. The encoder's two directions become one
/// bidirectional LSTM whose final states (Y_h) are summed, as <see cref="TaskEncoder"/> sums its two last states.
/// Inference mode only: dropout is the identity, BatchNorm uses its running statistics.
/// </summary>
public static class TamRlOnnxExport
{
    public const int Opset = 17;
    private const double BatchNormEpsilon = 1e-5;
    private const float LeakySlope = 0.2f;

    /// <summary>The ensemble's graph; <paramref name="metadata"/> goes to the model's metadata_props.</summary>
    public static OnnxModel Export(IReadOnlyList<TamRlModel> members, TargetScales scales, BalanceMode balance,
        IReadOnlyList<KeyValuePair<string, string>>? metadata = null)
    {
        if (members.Count == 0)
            throw new ArgumentException("an ensemble needs at least one member");
        var a = members[0].Architecture;
        if (members.Any(m => m.Architecture != a || !m.Modulated))
            throw new ArgumentException("exported members must share one architecture and be modulated");
        var (m, h, latent, width) = (members.Count, a.Hidden, a.Latent, a.InputSize);
        var states = members.Select(Weights).ToList();
        var g = new OnnxGraphBuilder();

        // Shapes read from the inputs at run time: [pixels, k] of support, [pixels, tiles, days] of windows.
        var flattenTo3d = g.Longs("shape_rows_days_features", 0, -1, width);
        var supportShape = g.Node("Shape", "support_shape", ["support"]);
        var windowsShape = g.Node("Shape", "windows_shape", ["windows"]);
        var zero = g.Longs("axis_0", 0);
        var one = g.Longs("axis_1", 1);
        var two = g.Longs("index_2", 2);
        var three = g.Longs("index_3", 3);
        var minusOne = g.Longs("minus_1", -1);
        var pixelsK = g.Node("Slice", "pixels_k", [supportShape, zero, two]);
        var codesShape = g.Node("Concat", "codes_shape", [pixelsK, minusOne], OnnxAttribute.Int("axis", 0));
        var pixelsTiles = g.Node("Slice", "pixels_tiles", [windowsShape, zero, two]);
        var expandShape = g.Node("Concat", "expand_shape", [pixelsTiles, one], OnnxAttribute.Int("axis", 0));
        var rowsLatent = g.Longs("shape_rows_latent", -1, latent);
        var pixelsTilesDays = g.Node("Slice", "pixels_tiles_days", [windowsShape, zero, three]);
        var outputShape = g.Node("Concat", "output_shape", [g.Longs("members", m), pixelsTilesDays, g.Longs("heads", 3)], OnnxAttribute.Int("axis", 0));
        var memberSplit = g.Longs("member_split", Enumerable.Repeat((long)h, m).ToArray());

        // Time-major windows: [days, rows, features], as ONNX's LSTM (layout 0) reads them.
        string TimeMajor(string input, string stem)
        {
            var flat = g.Node("Flatten", stem + "_flat", [input], OnnxAttribute.Int("axis", 2));
            var rows = g.Node("Reshape", stem + "_rows", [flat, flattenTo3d]);
            return g.Node("Transpose", stem + "_time_major", [rows], OnnxAttribute.Ints("perm", 1, 0, 2));
        }
        string[] PerMember(string x, string stem) => m == 1 ? [x] : g.Nodes("Split", stem, [x, memberSplit], m, OnnxAttribute.Int("axis", 2));

        // Encoder: embedding (BatchNorm folded) -> LeakyReLU, for all members at once, then each member's bidirectional LSTM.
        var embedW = new float[width * m * h];
        var embedB = new float[m * h];
        for (var k = 0; k < m; k++)
        {
            var s = states[k];
            for (var j = 0; j < h; j++)
            {
                var scale = s["encoder.norm.weight"][j] / Math.Sqrt(s["encoder.norm.running_var"][j] + BatchNormEpsilon);
                var shift = s["encoder.norm.bias"][j] - s["encoder.norm.running_mean"][j] * scale;
                for (var i = 0; i < width; i++)
                    embedW[i * m * h + k * h + j] = (float)(s["encoder.embed.weight"][j * width + i] * scale);
                embedB[k * h + j] = (float)(s["encoder.embed.bias"][j] * scale + shift);
            }
        }
        var supportT = TimeMajor("support", "support");
        var embedded = g.Node("Add", "embed", [g.Node("MatMul", "embed_mm", [supportT, g.Floats("encoder_embed_w", [width, m * h], embedW)]), g.Floats("encoder_embed_b", [m * h], embedB)]);
        var activated = g.Node("LeakyRelu", "embed_act", [embedded], OnnxAttribute.Float("alpha", LeakySlope));
        var perMemberEmbedded = PerMember(activated, "embed_split");

        // Decoder's projection, for all members at once.
        var projectW = new float[width * m * h];
        var projectB = new float[m * h];
        for (var k = 0; k < m; k++)
            for (var j = 0; j < h; j++)
            {
                for (var i = 0; i < width; i++)
                    projectW[i * m * h + k * h + j] = states[k]["decoder.project.weight"][j * width + i];
                projectB[k * h + j] = states[k]["decoder.project.bias"][j];
            }
        var windowsT = TimeMajor("windows", "windows");
        var projected = g.Node("Add", "project", [g.Node("MatMul", "project_mm", [windowsT, g.Floats("decoder_project_w", [width, m * h], projectW)]), g.Floats("decoder_project_b", [m * h], projectB)]);
        var perMemberProjected = PerMember(projected, "project_split");

        var heads = new string[m];
        var oneF = g.Scalar("one_f", 1f);
        for (var k = 0; k < m; k++)
        {
            var s = states[k];
            var p = $"m{k}";
            // Task code: both directions' final states summed -> Linear, per support window; the pixel's code is their mean.
            var (wEnc, rEnc, bEnc) = LstmWeights(h, [s["encoder.forwardLstm.input.weight"], s["encoder.backwardLstm.input.weight"]],
                [s["encoder.forwardLstm.hidden.weight"], s["encoder.backwardLstm.hidden.weight"]], [s["encoder.forwardLstm.input.bias"], s["encoder.backwardLstm.input.bias"]]);
            var lastStates = $"{p}_encoder_y_h";
            g.NodeWithOutputs("LSTM", $"{p}_encoder_lstm",
                [perMemberEmbedded[k], g.Floats($"{p}_encoder_lstm_w", [2, 4 * h, h], wEnc), g.Floats($"{p}_encoder_lstm_r", [2, 4 * h, h], rEnc), g.Floats($"{p}_encoder_lstm_b", [2, 8 * h], bEnc)],
                ["", lastStates], OnnxAttribute.String("direction", "bidirectional"), OnnxAttribute.Int("hidden_size", h));
            var summed = g.Node("ReduceSum", $"{p}_encoder_sum", [lastStates, zero], OnnxAttribute.Int("keepdims", 0));
            var codes = Gemm(g, summed, s, "encoder.code", [latent, h], $"{p}_encoder_code");
            var pixelCodes = g.Node("ReduceMean", $"{p}_pixel_code", [g.Node("Reshape", $"{p}_codes_by_pixel", [codes, codesShape])],
                OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 0));
            // The pixel's code for each of its tiles: [pixels, latent] -> [pixels * tiles, latent].
            var z = g.Node("Reshape", $"{p}_code_rows", [g.Node("Expand", $"{p}_code_tiles", [g.Node("Unsqueeze", $"{p}_code_u", [pixelCodes, one]), expandShape]), rowsLatent]);

            // Decoder: s = 1 + ReLU(W_s z); LSTM input s*d + s; LSTM layers; FiLM h*(1+g) + b; head.
            var inputScale = g.Node("Add", $"{p}_scale", [g.Node("Relu", $"{p}_scale_relu", [Gemm(g, z, s, "decoder.inputScale", [h, latent], $"{p}_scale_gemm")]), oneF]);
            var x = g.Node("Add", $"{p}_scaled", [g.Node("Mul", $"{p}_scaled_mul", [perMemberProjected[k], inputScale]), inputScale]);
            for (var layer = 0; layer < a.Layers; layer++)
            {
                var name = $"decoder.layers.{layer}";
                var (w, r, b) = LstmWeights(h, [s[$"{name}.input.weight"]], [s[$"{name}.hidden.weight"]], [s[$"{name}.input.bias"]]);
                var y = $"{p}_decoder_lstm{layer}_y";
                g.NodeWithOutputs("LSTM", $"{p}_decoder_lstm{layer}",
                    [x, g.Floats($"{p}_decoder_lstm{layer}_w", [1, 4 * h, h], w), g.Floats($"{p}_decoder_lstm{layer}_r", [1, 4 * h, h], r), g.Floats($"{p}_decoder_lstm{layer}_b", [1, 8 * h], b)],
                    [y], OnnxAttribute.Int("hidden_size", h));
                x = g.Node("Squeeze", $"{p}_decoder_lstm{layer}_squeeze", [y, one]);
            }
            var gb = g.Nodes("Split", $"{p}_film_split", [Gemm(g, z, s, "decoder.film", [2 * h, latent], $"{p}_film_gemm"), g.Longs($"{p}_film_halves", h, h)], 2, OnnxAttribute.Int("axis", 1));
            var filmed = g.Node("Add", $"{p}_film", [g.Node("Mul", $"{p}_film_mul", [x, g.Node("Add", $"{p}_film_gain", [gb[0], oneF])]), gb[1]]);
            var headT = Transpose(s["decoder.head.weight"], 3, h);
            var raw = g.Node("Add", $"{p}_head", [g.Node("MatMul", $"{p}_head_mm", [filmed, g.Floats($"{p}_head_w", [h, 3], headT)]), g.Floats($"{p}_head_b", [3], s["decoder.head.bias"])]);
            heads[k] = g.Node("Unsqueeze", $"{p}_head_u", [raw, zero]);
        }

        // All members' raw heads [members, days, rows, 3] -> physical -> balanced (FluxOutputs.ToPhysical, Balance).
        var all = m == 1 ? heads[0] : g.Node("Concat", "heads", heads, OnnxAttribute.Int("axis", 0));
        var o = g.Nodes("Split", "head_split", [all, g.Longs("head_split_sizes", 1, 1, 1)], 3, OnnxAttribute.Int("axis", 3));
        var gpp = g.Node("Mul", "gpp", [g.Node("Softplus", "gpp_softplus", [o[0]]), g.Scalar("gpp_scale", scales.GppScale)]);
        var reco = g.Node("Mul", "reco", [g.Node("Softplus", "reco_softplus", [o[1]]), g.Scalar("reco_scale", scales.RecoScale)]);
        var nee = g.Node("Add", "nee", [g.Node("Mul", "nee_scaled", [o[2], g.Scalar("nee_scale", scales.NeeScale)]), g.Scalar("nee_mean", scales.NeeMean)]);
        var disagreement = g.Node("Add", "disagreement", [g.Node("Sub", "gpp_minus_reco", [gpp, reco]), nee]);
        string balancedGpp, balancedReco;
        if (balance == BalanceMode.Nee)
        {
            var half = g.Node("Div", "half", [disagreement, g.Scalar("two_f", 2f)]);
            balancedGpp = g.Node("Relu", "balanced_gpp", [g.Node("Sub", "gpp_less_half", [gpp, half])]);
            balancedReco = g.Node("Relu", "balanced_reco", [g.Node("Add", "gpp_plus_nee", [balancedGpp, nee])]);
        }
        else
        {
            var third = g.Node("Div", "third", [disagreement, g.Scalar("three_f", 3f)]);
            balancedGpp = g.Node("Relu", "balanced_gpp", [g.Node("Sub", "gpp_less_third", [gpp, third])]);
            balancedReco = g.Node("Relu", "balanced_reco", [g.Node("Add", "reco_plus_third", [reco, third])]);
        }
        var balancedNee = g.Node("Sub", "balanced_nee", [balancedReco, balancedGpp]);
        var fluxes = g.Node("Concat", "balanced", [balancedGpp, balancedReco, balancedNee], OnnxAttribute.Int("axis", 3));
        var rowsFirst = g.Node("Transpose", "rows_first", [fluxes], OnnxAttribute.Ints("perm", 0, 2, 1, 3));
        g.NodeWithOutputs("Reshape", "fluxes", [rowsFirst, outputShape], ["fluxes"]);

        var graph = g.Build("tamrl_ensemble",
            [
                new OnnxValueInfo("support", OnnxProto.Float, ["pixels", "support_windows", "support_days", (long)width],
                    "each pixel's support windows (per-day encoded features); the pixel's task code is the mean of their codes"),
                new OnnxValueInfo("windows", OnnxProto.Float, ["pixels", "tiles", "days", (long)width],
                    "the pixel's windows to decode (per-day encoded features), all with the pixel's one task code"),
            ],
            [new OnnxValueInfo("fluxes", OnnxProto.Float, [(long)m, "pixels", "tiles", "days", 3L],
                "each member's GPP, RECO, NEE (g C m-2 d-1), balanced: NEE = RECO - GPP")],
            $"TAM-RL ensemble of {m} members (hidden {h}, latent {latent}, {a.Layers} decoder layers), balance {(balance == BalanceMode.Nee ? "nee" : "equal")}");
        return new OnnxModel(graph, Opset, "TamRl.Upscale", typeof(TamRlOnnxExport).Assembly.GetName().Version?.ToString() ?? "0",
            metadata ?? [], "TAM-RL carbon-flux ensemble exported by TamRl.Upscale (docs/model.md, ONNX export)");
    }

    /// <summary>A Linear layer of a 2-D input as Gemm(x, W, b, transB = 1): W in PyTorch's [out, in] layout.</summary>
    private static string Gemm(OnnxGraphBuilder g, string x, IReadOnlyDictionary<string, float[]> s, string layer, long[] dims, string stem)
        => g.Node("Gemm", stem, [x, g.Floats($"{stem}_w", dims, s[$"{layer}.weight"]), g.Floats($"{stem}_b", [dims[0]], s[$"{layer}.bias"])],
            OnnxAttribute.Int("transB", 1));

    /// <summary>
    /// ONNX LSTM weights of one or two directions from <see cref="LstmLayer"/>'s: W [dirs, 4h, in] and R [dirs, 4h, h] with the
    /// gate blocks reordered from PyTorch's i, f, g, o to ONNX's i, o, f, c; B [dirs, 8h] = the input bias (reordered) then zeros
    /// (the hidden projection has no bias).
    /// </summary>
    private static (float[] W, float[] R, float[] B) LstmWeights(int h, float[][] input, float[][] hidden, float[][] bias)
    {
        int[] order = [0, 3, 1, 2]; // ONNX block i takes PyTorch block order[i]
        var dirs = input.Length;
        var inputSize = input[0].Length / (4 * h);
        var w = new float[dirs * 4 * h * inputSize];
        var r = new float[dirs * 4 * h * h];
        var b = new float[dirs * 8 * h];
        for (var d = 0; d < dirs; d++)
            for (var block = 0; block < 4; block++)
            {
                var from = order[block] * h;
                Array.Copy(input[d], from * inputSize, w, (d * 4 * h + block * h) * inputSize, h * inputSize);
                Array.Copy(hidden[d], from * h, r, (d * 4 * h + block * h) * h, h * h);
                Array.Copy(bias[d], from, b, d * 8 * h + block * h, h);
            }
        return (w, r, b);
    }

    /// <summary>[rows, cols] row-major to [cols, rows].</summary>
    private static float[] Transpose(float[] x, int rows, int cols)
    {
        var t = new float[x.Length];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
                t[j * rows + i] = x[i * cols + j];
        return t;
    }

    /// <summary>A member's parameters and buffers as float32 arrays by state-dict name.</summary>
    private static Dictionary<string, float[]> Weights(TamRlModel model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return model.state_dict().ToDictionary(kv => kv.Key,
            kv => kv.Value.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray());
    }
}
