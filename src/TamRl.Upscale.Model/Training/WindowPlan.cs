namespace TamRl.Upscale.Model.Training;

/// <summary>A query window: a site and the first day of <c>Length</c> consecutive days.</summary>
public readonly record struct Window(int Site, int Start);

/// <summary>
/// Where windows lie in a series of <c>days</c> days: training windows (length, stride) split in time
/// into a fitting part and a later hold-out part for early stopping, and the non-overlapping tiling a
/// support set is drawn from.
/// </summary>
public static class WindowPlan
{
    /// <summary>Starts of windows of <paramref name="length"/> every <paramref name="stride"/> days within [from, to).</summary>
    public static IEnumerable<int> Starts(int from, int to, int length, int stride)
    {
        for (var s = from; s + length <= to; s += stride)
            yield return s;
    }

    /// <summary>
    /// Temporal hold-out: windows entirely before the cut (the first 1 - fraction of the series) fit the
    /// model, windows entirely after it stop it early; windows across the cut are not used.
    /// </summary>
    public static (List<Window> Fit, List<Window> Holdout) TemporalSplit(IReadOnlyList<int> sites, int days, int length, int stride, double holdoutFraction)
    {
        var cut = (int)Math.Round(days * (1 - holdoutFraction));
        if (holdoutFraction > 0 && (days - cut < length || cut < length))
            throw new ArgumentException($"a series of {days} days cannot hold a temporal hold-out of {holdoutFraction:P0} with windows of {length} days");
        return TemporalSplit(sites, _ => (0, days), length, stride, holdoutFraction);
    }

    /// <summary>
    /// The temporal hold-out of sites with records of their own (<paramref name="record"/>: first and one past the last
    /// day): each record is cut at its own 1 - fraction, so every site, whatever its years, gives its later part to
    /// early stopping. A record too short for a window on one side of its cut gives none there.
    /// </summary>
    public static (List<Window> Fit, List<Window> Holdout) TemporalSplit(IReadOnlyList<int> sites, Func<int, (int From, int To)> record,
        int length, int stride, double holdoutFraction)
    {
        var fit = new List<Window>();
        var holdout = new List<Window>();
        foreach (var site in sites)
        {
            var (from, to) = record(site);
            var cut = from + (int)Math.Round((to - from) * (1 - holdoutFraction));
            fit.AddRange(Starts(from, cut, length, stride).Select(s => new Window(site, s)));
            if (holdoutFraction > 0)
                holdout.AddRange(Starts(cut, to, length, stride).Select(s => new Window(site, s)));
        }
        return (fit, holdout);
    }

    /// <summary>
    /// Starts of the support candidates for a query window: the non-overlapping tiling of the whole series
    /// (drivers only, no fluxes), less every tile that overlaps the query window.
    /// </summary>
    public static int[] SupportCandidates(int days, int length, int queryStart) => SupportCandidates(0, days, length, queryStart);

    /// <summary>The support candidates within a site's record [<paramref name="from"/>, <paramref name="to"/>), tiled from its first day.</summary>
    public static int[] SupportCandidates(int from, int to, int length, int queryStart)
    {
        var result = new List<int>();
        foreach (var s in Starts(from, to, length, length))
            if (s + length <= queryStart || s >= queryStart + length)
                result.Add(s);
        return result.ToArray();
    }

    /// <summary>The tiling inference predicts with: every <paramref name="length"/> days, the last one aligned to the series' end.</summary>
    public static int[] InferenceTiles(int days, int length)
    {
        if (days <= length)
            return [0];
        var starts = Starts(0, days, length, length).ToList();
        if (starts[^1] + length < days)
            starts.Add(days - length);
        return starts.ToArray();
    }

    /// <summary>
    /// Where the decoder reads for each inference tile when it first runs through up to <paramref name="warmup"/>
    /// preceding days: every decode window has the same length (a batch is one tensor), min(days, length + warmup),
    /// and starts as close to warmup days before its tile as the series allows. The tile's predictions are the
    /// decode window's outputs from <c>tile - start</c> on. With warmup 0 the decode windows are the tiles.
    /// </summary>
    public static (int Length, int[] Starts) DecodeWindows(int days, int length, int warmup, int[] tiles)
    {
        var decodeLength = Math.Min(days, length + warmup);
        var starts = tiles.Select(t => Math.Clamp(t - warmup, 0, days - decodeLength)).ToArray();
        return (decodeLength, starts);
    }
}
