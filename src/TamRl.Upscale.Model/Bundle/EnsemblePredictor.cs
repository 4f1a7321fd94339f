using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Model.Onnx;
using TamRl.Upscale.Model.Runtime;
using TamRl.Upscale.Model.TamRl;
using TamRl.Upscale.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Bundle;

/// <summary>
/// An ensemble of sequence models as an <see cref="IFluxPredictor"/>. Each pixel's whole series is cut
/// into tiles of the window length (the last aligned to the series' end). TAM-RL's task code is the pixel's,
/// once per pixel and period: the mean code of <c>supportWindows</c> of its tiles (<see cref="InferenceSupport"/>:
/// spread evenly over the series' non-overlapping tiling, as many as training draws per query), and every tile
/// is decoded with that one code. Unlike training, the support windows are themselves among the tiles decoded
/// with it (a query never is its own support in training); the code reads drivers only, never fluxes.
/// With <c>supportWindows</c> = <see cref="EveryOtherTile"/> (0) the earlier definition runs: every tile is encoded
/// and each tile gets the mean code of the pixel's other tiles (a series of a single tile uses that tile), which
/// costs the encoder's pass over every tile (two thirds of the work) and is kept to compare against.
/// Pixels go through in batches; members' balanced outputs are averaged, and NEE is
/// recomputed as RECO - GPP of the means, so the balance holds exactly in float32.
/// The predictor takes over the models it is given (it moves them to its device and precision).
/// With warm-up days (bundle.json warmup_days) the decoder reads each tile together with up to that many days
/// before it and keeps only the tile's outputs, so no tile but the series' first starts from an empty state;
/// the task codes still come from the tiles themselves.
/// With <c>stackMembers</c> (by default: in bf16) a TAM-RL ensemble with one code per pixel runs on the CPU as one computation,
/// the members stacked on a batch dimension (<see cref="StackedTamRl"/>), the same outputs up to float rounding.
/// With <see cref="InferenceEngine.Onnx"/> the same ensemble runs in ONNX Runtime (the exported graph of <see cref="TamRlOnnxExport"/>,
/// fp32, CPU, TAM-RL with one code per pixel), the same outputs up to float rounding (OnnxEnsembleTests).
/// Pixels per network call: <see cref="PredictorBatching"/> (16 on the CPU, sized to a device memory budget on CUDA).
/// </summary>
public sealed class EnsemblePredictor : IFluxPredictor
{
    private readonly IReadOnlyList<FluxSequenceModel> members;
    private readonly FeatureEncoding encoding;
    private readonly int windowLength;
    private readonly Device device;
    private readonly ScalarType dtype;
    private readonly PredictorBatching batching;
    private readonly int hidden;
    private readonly int warmupDays;
    private readonly BalanceMode balance;
    private readonly int supportWindows;
    private readonly StackedTamRl? stacked;
    private readonly OnnxEnsembleSession? onnx;

    /// <summary>The <c>supportWindows</c> value of the earlier definition: each tile's code from every other tile.</summary>
    public const int EveryOtherTile = 0;

    public EnsemblePredictor(IReadOnlyList<FluxSequenceModel> members, FeatureEncoding encoding, int windowLength, string identity,
        InferencePrecision precision = InferencePrecision.Float32, Device? device = null, int pixelsPerBatch = 16, long deviceMemoryBytes = PredictorBatching.DefaultDeviceMemoryBytes,
        int warmupDays = 0, BalanceMode balance = BalanceMode.Equal, int supportWindows = InferenceSupport.DefaultWindows, bool? stackMembers = null,
        InferenceEngine engine = InferenceEngine.Torch, int engineThreads = 0)
    {
        this.balance = balance;
        ArgumentOutOfRangeException.ThrowIfNegative(supportWindows);
        this.supportWindows = supportWindows;
        ArgumentOutOfRangeException.ThrowIfNegative(warmupDays);
        if (members.Count == 0)
            throw new ArgumentException("an ensemble needs at least one member");
        TorchRuntime.Initialise();
        this.members = members;
        this.encoding = encoding;
        this.windowLength = windowLength;
        this.device = device ?? CPU;
        dtype = precision == InferencePrecision.BFloat16 ? ScalarType.BFloat16 : ScalarType.Float32;
        batching = new PredictorBatching(pixelsPerBatch, deviceMemoryBytes);
        this.warmupDays = warmupDays;
        hidden = members.Max(m => m.Architecture.Hidden);
        Identity = identity;
        var tamRl = members.OfType<TamRlModel>().Where(m => m.Modulated).ToList();
        // CPU only: measured there; on CUDA it would hold every member's tensors at once, which PredictorBatching's budget does not count.
        // By default in bf16 only, where it paid in every run (1.1-1.4x); in fp32 it ranged from 0.5x to 1.5x (bench/RESULTS.md).
        if (engine == InferenceEngine.Torch && (stackMembers ?? dtype == ScalarType.BFloat16) && this.device.type == DeviceType.CPU && supportWindows != EveryOtherTile
            && tamRl.Count == members.Count && tamRl.All(m => m.Architecture == tamRl[0].Architecture))
            stacked = new StackedTamRl(tamRl, dtype, this.device);
        if (engine == InferenceEngine.Onnx)
        {
            if (dtype != ScalarType.Float32 || this.device.type != DeviceType.CPU || supportWindows == EveryOtherTile || tamRl.Count != members.Count)
                throw new ArgumentException("the ONNX engine runs TAM-RL ensembles with one code per pixel, in fp32, on the CPU");
            onnx = new OnnxEnsembleSession(TamRlOnnxExport.Export(tamRl, encoding.Targets, balance).ToBytes(), members.Count, encoding.InputSize, engineThreads);
        }
        foreach (var m in members)
        {
            m.to(this.device);
            m.to(dtype);
            m.eval();
        }
    }

    /// <param name="engine">ONNX Runtime runs on the CPU whatever <paramref name="device"/> says (fp32 TAM-RL with one code per pixel only).</param>
    public static EnsemblePredictor FromBundle(ModelBundle bundle, InferencePrecision precision = InferencePrecision.Float32, Device? device = null,
        int pixelsPerBatch = 16, long deviceMemoryBytes = PredictorBatching.DefaultDeviceMemoryBytes, InferenceEngine engine = InferenceEngine.Torch)
        => new(bundle.Members, bundle.Encoding, bundle.Manifest.WindowLength, InferenceEngines.Identity(bundle.Identity, precision, engine), precision,
            engine == InferenceEngine.Onnx ? CPU : device, pixelsPerBatch, deviceMemoryBytes,
            bundle.Manifest.WarmupDays, FluxOutputs.ParseMode(bundle.Manifest.Balance) ?? BalanceMode.Equal, bundle.Manifest.SupportWindows, engine: engine);

    public IReadOnlyList<string> Features => encoding.Features;
    public string Identity { get; }
    /// <summary>Pixels per network call for a series of <paramref name="days"/> days on this predictor's device.</summary>
    public int PixelsPerCall(int days) => batching.PixelsPerBatch(device.type, days, windowLength, hidden, dtype == ScalarType.BFloat16 ? 2 : 4, warmupDays,
        stacked is null ? 0 : members.Count);

    public FluxBlock Predict(PixelBlock block)
    {
        block.Validate();
        block.RequireFeatures(Features);
        var (p, days) = (block.Pixels, block.Days);
        // A spread between members needs two of them: one member's means would be computed and thrown away.
        var spans = members.Count >= 2 ? block.MemberMeanSpans : null;
        var result = new FluxBlock(p, days, new float[p * days], new float[p * days], new float[p * days], new float[p * days], new float[p * days], new float[p * days])
        {
            Members = spans is null ? 0 : members.Count,
            MemberMeans = spans is null ? null : new float[(long)members.Count * p * spans.Count * 3],
        };
        if (p == 0 || days == 0)
            return result;
        var batch = PixelsPerCall(days);
        for (var first = 0; first < p; first += batch)
            PredictChunk(block, first, Math.Min(batch, p - first), result);
        return result;
    }

    private void PredictChunk(PixelBlock block, int first, int count, FluxBlock result)
    {
        var days = block.Days;
        var features = block.Features;
        var length = Math.Min(windowLength, days);
        var tiles = WindowPlan.InferenceTiles(days, length);
        var n = tiles.Length;
        var width = encoding.InputSize;
        var staticSize = encoding.StaticSize;
        var query = new float[(long)count * n * length * width];
        var stat = new float[count * n * staticSize];
        // The decoder may start its windows earlier than the tiles it predicts (warm-up); the encoder reads the tiles.
        var (decodeLength, decodeStarts) = WindowPlan.DecodeWindows(days, length, warmupDays, tiles);
        var warm = decodeLength != length;
        var decode = warm ? new float[(long)count * n * decodeLength * width] : query;
        Parallel.For(0, count, i =>
        {
            var px = first + i;
            var staticVector = encoding.EncodeStatic(block.Igbp[px], block.Koppen[px], block.Latitude[px], block.Longitude[px]);
            var series = encoding.EncodeSeries(block.Drivers.AsSpan(px * days * features, days * features), days, staticVector);
            for (var j = 0; j < n; j++)
            {
                Array.Copy(series, tiles[j] * width, query, ((long)(i * n + j) * length) * width, length * width);
                if (warm)
                    Array.Copy(series, decodeStarts[j] * width, decode, ((long)(i * n + j) * decodeLength) * width, decodeLength * width);
                Array.Copy(staticVector, 0, stat, (i * n + j) * staticSize, staticSize);
            }
        });

        var sums = new double[3, count * days];
        var squares = new double[3, count * days];
        using (no_grad())
        {
            // One upload per batch, shared by the members (on CUDA the host-to-device copy is not free).
            using var batchScope = NewDisposeScope();
            // (Not for the ONNX engine, which reads the host arrays.)
            var q = onnx is null ? tensor(query, new long[] { count * n, length, width }).to(device).to(dtype) : null!;
            var s = onnx is null ? tensor(stat, new long[] { count * n, staticSize }).to(device).to(dtype) : null!;
            var dq = onnx is null && warm ? tensor(decode, new long[] { count * n, decodeLength, width }).to(device).to(dtype) : q;
            var offsets = tiles.Select((t, j) => t - decodeStarts[j]).ToArray();
            var support = supportWindows == EveryOtherTile ? null : InferenceSupport.Tiles(days, length, supportWindows);
            // A member's own days, when its means over the block's spans are asked for (the spread of a monthly mean is
            // the spread of the members' monthly means, not the mean of the daily spreads).
            var memberDays = result.MemberMeans is null ? null : new double[3, count * days];
            if (onnx is not null)
            {
                // The exported graph: the same [members, tiles, days, 3] as the stacked path, from the host arrays as they are.
                var k = support!.Length;
                var supportWindowsOf = new float[(long)count * k * length * width];
                for (var i = 0; i < count; i++)
                    for (var j = 0; j < k; j++)
                        Array.Copy(query, ((long)(i * n + support[j]) * length) * width, supportWindowsOf, ((long)(i * k + j) * length) * width, length * width);
                var all = onnx.Run(supportWindowsOf, count, k, length, decode, n, decodeLength);
                var each = all.Length / members.Count;
                for (var member = 0; member < members.Count; member++)
                    AddMember(all.AsSpan(member * each, each), member);
            }
            else if (stacked is not null)
            {
                // All members at once: one download of [members, tiles, days, 3].
                var codes = stacked.EncodeSupport(SupportWindows(q, count, n, support!));
                var raw = stacked.Decode(dq, codes).to(ScalarType.Float32);
                var all = FluxOutputs.Balance(FluxOutputs.ToPhysical(raw, encoding.Targets), balance).cpu().data<float>().ToArray();
                var each = all.Length / members.Count;
                for (var k = 0; k < members.Count; k++)
                    AddMember(all.AsSpan(k * each, each), k);
            }
            else for (var k = 0; k < members.Count; k++)
            {
                var model = members[k];
                using var scope = NewDisposeScope();
                var inputs = new ModelInputs(dq, s);
                if (model is TamRlModel tamRl && tamRl.Modulated)
                    inputs = inputs with { TaskCode = support is null ? LeaveOneOutCodes(tamRl, q, count, n) : PixelCodes(tamRl, q, count, n, support) };
                var raw = model.forward(inputs).to(ScalarType.Float32);
                var balanced = FluxOutputs.Balance(FluxOutputs.ToPhysical(raw, encoding.Targets), balance).cpu();
                AddMember(balanced.data<float>().ToArray(), k);
            }

            void AddMember(ReadOnlySpan<float> values, int k)
            {
                Accumulate(values, tiles, offsets, decodeLength, length, count, days, sums, squares);
                if (memberDays is null)
                    return;
                Array.Clear(memberDays);
                Accumulate(values, tiles, offsets, decodeLength, length, count, days, memberDays, null);
                MemberSpanMeans(memberDays, block.MemberMeanSpans!, k, first, count, block.Pixels, days, result.MemberMeans!);
            }
        }
        var m = members.Count;
        for (var i = 0; i < count; i++)
            for (var d = 0; d < days; d++)
            {
                var local = i * days + d;
                var target = (first + i) * days + d;
                var gpp = (float)(sums[0, local] / m);
                var reco = (float)(sums[1, local] / m);
                result.Gpp[target] = gpp;
                result.Reco[target] = reco;
                result.Nee[target] = reco - gpp;
                result.GppSpread[target] = Spread(sums[0, local], squares[0, local], m);
                result.RecoSpread[target] = Spread(sums[1, local], squares[1, local], m);
                result.NeeSpread[target] = Spread(sums[2, local], squares[2, local], m);
            }
    }

    /// <summary>
    /// One code per pixel from its support tiles, through the encoder's training path (<see cref="TaskEncoder.EncodeSupport"/>:
    /// the mean of the windows' codes), repeated for each of the pixel's tiles.
    /// </summary>
    private static Tensor PixelCodes(TamRlModel model, Tensor query, int pixels, int tiles, int[] support)
        => model.Encoder.EncodeSupport(SupportWindows(query, pixels, tiles, support)).repeat_interleave(tiles, 0);

    /// <summary>The pixels' support windows [pixels, k, time, input], picked from their tiles [pixels * tiles, time, input].</summary>
    private static Tensor SupportWindows(Tensor query, int pixels, int tiles, int[] support)
        => query.reshape(pixels, tiles, query.shape[1], query.shape[2])
            .index_select(1, tensor(support.Select(i => (long)i).ToArray(), device: query.device));

    /// <summary>The earlier definition: each tile's code is the mean code of the pixel's other tiles (its own when it is the only one).</summary>
    private static Tensor LeaveOneOutCodes(TamRlModel model, Tensor query, int pixels, int tiles)
    {
        var codes = model.Encoder.forward(query);
        if (tiles == 1)
            return codes;
        var perPixel = codes.reshape(pixels, tiles, -1);
        var total = perPixel.sum(1, keepdim: true);
        using var others = (tiles - 1).ToScalar(); // held for the call (Runtime/HeldScalars), as the bare int's Scalar was not
        return (total - perPixel).div(others).reshape(pixels * tiles, -1);
    }

    /// <summary>One member's means over the spans for the batch's pixels, into [member, pixel, span, flux].</summary>
    private static void MemberSpanMeans(double[,] memberDays, IReadOnlyList<(int First, int Days)> spans, int member, int first, int count, int pixels, int days, float[] means)
    {
        for (var i = 0; i < count; i++)
            for (var s = 0; s < spans.Count; s++)
                for (var f = 0; f < 3; f++)
                {
                    var sum = 0.0;
                    for (var d = spans[s].First; d < spans[s].First + spans[s].Days; d++)
                        sum += memberDays[f, i * days + d];
                    means[(((long)member * pixels + first + i) * spans.Count + s) * 3 + f] = (float)(sum / spans[s].Days);
                }
    }

    /// <summary>Adds one member's tiles to the per-day sums (and squares, when given); where the last tile overlaps, its first days are skipped.</summary>
    private static void Accumulate(ReadOnlySpan<float> values, int[] tiles, int[] offsets, int decodeLength, int length, int pixels, int days, double[,] sums, double[,]? squares)
    {
        var n = tiles.Length;
        for (var i = 0; i < pixels; i++)
        {
            var covered = 0;
            for (var j = 0; j < n; j++)
            {
                var start = tiles[j];
                for (var t = Math.Max(0, covered - start); t < length; t++)
                {
                    var src = ((i * n + j) * decodeLength + offsets[j] + t) * 3;
                    var dst = i * days + start + t;
                    var gpp = values[src];
                    var reco = values[src + 1];
                    var nee = values[src + 2];
                    sums[0, dst] += gpp;
                    sums[1, dst] += reco;
                    sums[2, dst] += nee;
                    if (squares is null)
                        continue;
                    squares[0, dst] += (double)gpp * gpp;
                    squares[1, dst] += (double)reco * reco;
                    squares[2, dst] += (double)nee * nee;
                }
                covered = start + length;
            }
        }
    }

    private static float Spread(double sum, double square, int m)
    {
        if (m < 2)
            return 0;
        var mean = sum / m;
        return (float)Math.Sqrt(Math.Max(square / m - mean * mean, 0));
    }
}
