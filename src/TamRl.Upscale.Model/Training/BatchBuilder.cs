using TamRl.Upscale.Model.TamRl;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Training;

/// <summary>
/// Assembles tensors for a list of query windows. For TAM-RL each query gets <c>supportSize</c> support
/// windows drawn (seeded) from the same site's non-overlapping tiling, less every tile that overlaps
/// the query: the query window is never its own support.
/// </summary>
public sealed class BatchBuilder
{
    private readonly EncodedSites sites;
    private readonly int length;
    private readonly int supportSize;
    private readonly float[] classWeights;
    private readonly Device device;
    private readonly int warmup;
    private readonly float[]? dayWeights;

    /// <param name="dayWeights">A further factor per dataset day ([site * Days + day], e.g. <see cref="SeasonWeights"/>); null: none.</param>
    public BatchBuilder(EncodedSites sites, int length, int supportSize, float[] classWeights, Device device, int warmup = 0, float[]? dayWeights = null)
    {
        this.dayWeights = dayWeights;
        if (warmup < 0)
            throw new ArgumentOutOfRangeException(nameof(warmup), warmup, "a warm-up is 0 or more days");
        this.warmup = warmup;
        this.sites = sites;
        this.length = length;
        this.supportSize = supportSize;
        this.classWeights = classWeights;
        this.device = device;
    }

    public TrainingBatch Build(IReadOnlyList<Window> windows, bool withSupport, Random rng)
    {
        var data = sites.Data;
        var width = sites.Encoding.InputSize;
        var staticSize = sites.Encoding.StaticSize;
        var b = windows.Count;
        // Every decode window has one length (a batch is one tensor) and holds its query window; see WindowPlan.DecodeWindows.
        var decode = Math.Min(data.Days, length + warmup);
        var query = new float[b * decode * width];
        var stat = new float[b * staticSize];
        var targets = new float[b * decode * 3];
        var mask = new float[b * decode * 3];
        var weights = new float[b * decode];
        var support = withSupport ? new float[b * supportSize * length * width] : null;
        for (var i = 0; i < b; i++)
        {
            var (site, start) = windows[i];
            // The decoder reads the record's own days where the record is long enough; padding only otherwise.
            var (recordFrom, recordTo) = (data.ValidFrom[site], data.ValidTo[site]);
            // A record shorter than the decode window keeps its warm-up inside the record and runs past its end
            // (the decoder reads forward only, so what follows the query changes nothing), as inference starts at the record.
            var from = recordTo - recordFrom >= decode
                ? Math.Clamp(start - warmup, recordFrom, recordTo - decode)
                : Math.Min(Math.Max(start - warmup, recordFrom), data.Days - decode);
            Array.Copy(sites.Series[site], from * width, query, i * decode * width, decode * width);
            Array.Copy(sites.Static[site], 0, stat, i * staticSize, staticSize);
            for (var t = start - from; t < start - from + length; t++)
            {
                var day = site * data.Days + from + t;
                var qc = data.Qc[day];
                weights[i * decode + t] = (float.IsNaN(qc) ? 0 : qc) * classWeights[site] * (dayWeights?[day] ?? 1f);
                var values = (data.Gpp[day], data.Reco[day], data.Nee[day]);
                Put(targets, mask, (i * decode + t) * 3 + 0, values.Item1);
                Put(targets, mask, (i * decode + t) * 3 + 1, values.Item2);
                Put(targets, mask, (i * decode + t) * 3 + 2, values.Item3);
            }
            if (support is not null)
            {
                var candidates = WindowPlan.SupportCandidates(recordFrom, recordTo, length, start);
                // A record too short for a tile beside the query (under three windows long) gives the query itself,
                // as inference does for a series of a single tile: nothing else of the place exists.
                if (candidates.Length == 0)
                    candidates = [start];
                var picks = Pick(candidates, supportSize, rng);
                for (var k = 0; k < supportSize; k++)
                    Array.Copy(sites.Series[site], picks[k] * width, support, ((i * supportSize + k) * length) * width, length * width);
            }
        }
        var inputs = new ModelInputs(
            tensor(query, new long[] { b, decode, width }).to(device),
            tensor(stat, new long[] { b, staticSize }).to(device),
            support is null ? null : tensor(support, new long[] { b, supportSize, length, width }).to(device));
        return new TrainingBatch(inputs,
            tensor(targets, new long[] { b, decode, 3 }).to(device),
            tensor(mask, new long[] { b, decode, 3 }).to(device),
            tensor(weights, new long[] { b, decode }).to(device));
    }

    private static void Put(float[] targets, float[] mask, int index, float value)
    {
        if (float.IsNaN(value))
            return;
        targets[index] = value;
        mask[index] = 1;
    }

    /// <summary>k distinct candidates when there are enough, otherwise drawn with replacement.</summary>
    private static int[] Pick(int[] candidates, int k, Random rng)
    {
        if (candidates.Length >= k)
        {
            var copy = (int[])candidates.Clone();
            for (var i = 0; i < k; i++)
            {
                var j = i + rng.Next(copy.Length - i);
                (copy[i], copy[j]) = (copy[j], copy[i]);
            }
            return copy[..k];
        }
        return Enumerable.Range(0, k).Select(_ => candidates[rng.Next(candidates.Length)]).ToArray();
    }
}
