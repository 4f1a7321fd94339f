namespace TamRl.Upscale.Model.Bundle;

/// <summary>
/// Which of a pixel's inference tiles form its support set when the predictor encodes one task code per pixel
/// and period (bundle.json <c>support_windows</c>). Training draws <c>supportWindows</c> windows at random from
/// a site's non-overlapping tiling (less the tiles that overlap the query); the code it learns from is the mean
/// of their codes. At inference the candidates are the same tiling of the block's series (the inference tiles
/// but the end-aligned last one, which overlaps its neighbour), and the windows are spread evenly over it, one
/// from each of k equal strata, so a year's support set spans its seasons as a random draw does on average. The
/// picks depend on the series' length only: deterministic, the same for every pixel and member.
/// </summary>
public static class InferenceSupport
{
    /// <summary>The support windows training draws by default (TrainingOptions.SupportWindows), for bundles that do not say.</summary>
    public const int DefaultWindows = 4;

    /// <summary>
    /// Indices into <see cref="Training.WindowPlan.InferenceTiles"/>(days, length) of the support windows: the
    /// middle tile of each of <paramref name="windows"/> equal strata of the non-overlapping tiling, or every
    /// tile of that tiling when it holds fewer (training then draws with replacement: the mean of all is what
    /// its draws average to).
    /// </summary>
    /// <param name="length">The tile length, min(window length, days).</param>
    public static int[] Tiles(int days, int length, int windows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, length);
        var candidates = days / length;
        if (candidates <= windows)
            return Enumerable.Range(0, candidates).ToArray();
        return Enumerable.Range(0, windows).Select(i => (2 * i + 1) * candidates / (2 * windows)).ToArray();
    }
}
