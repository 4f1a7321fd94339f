namespace TamRl.Upscale.Model.Evaluation;

/// <summary>
/// Whether a model is better than the trees, with the uncertainty a claim needs. <see cref="RatioMean"/> is the mean
/// over repeats of each repeat's ratio (the model's mean per-site RMSE over the trees' on the same sites), with a
/// 95 % t interval across repeats (null for a single repeat). The paired per-site test counts sites, not (site,
/// repeat) pairs, since a site held out in several repeats is not several independent sites: each site's RMSEs are
/// averaged over the repeats that held it out; <see cref="Wins"/> counts sites where the model's is lower,
/// <see cref="Losses"/> where it is higher, with a two-sided exact sign test on them. <see cref="PooledRatio"/> is the
/// ratio over every pair, with a 95 % bootstrap interval that resamples whole sites (with all their repeats; seeded,
/// so the same results give the same interval).
/// </summary>
public sealed record PairedComparison(
    int Repeats, double RatioMean, double? RatioLow, double? RatioHigh, IReadOnlyList<double> RatioPerRepeat,
    int Pairs, int Sites, int Wins, int Losses, double SignTestP, double PooledRatio, double BootstrapLow, double BootstrapHigh);

/// <summary>The statistics behind <see cref="PairedComparison"/>, each a plain function.</summary>
public static class EvaluationStatistics
{
    public const int BootstrapResamples = 2000;

    /// <summary>Compares per-(site, repeat) RMSEs of a model against the trees; null when no pair exists.</summary>
    /// <param name="pairs">(site, repeat, model RMSE, trees RMSE) per held-out site and repeat.</param>
    public static PairedComparison? Compare(IReadOnlyList<(string Site, int Repeat, double Model, double Trees)> pairs, int seed = 20260309)
    {
        if (pairs.Count == 0)
            return null;
        var perRepeat = pairs.GroupBy(p => p.Repeat).OrderBy(g => g.Key)
            .Select(g => g.Average(p => p.Model) / g.Average(p => p.Trees)).ToArray();
        var mean = perRepeat.Average();
        double? low = null, high = null;
        if (perRepeat.Length > 1)
        {
            var sd = Math.Sqrt(perRepeat.Sum(r => (r - mean) * (r - mean)) / (perRepeat.Length - 1));
            var half = StudentT975(perRepeat.Length - 1) * sd / Math.Sqrt(perRepeat.Length);
            (low, high) = (mean - half, mean + half);
        }
        var sites = pairs.GroupBy(p => p.Site, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Model: g.Sum(p => p.Model), Trees: g.Sum(p => p.Trees), Count: g.Count())).ToArray();
        var wins = sites.Count(s => s.Model < s.Trees);
        var losses = sites.Count(s => s.Model > s.Trees);
        var (bootLow, bootHigh) = BootstrapRatio(sites.Select(s => (s.Model, s.Trees)).ToArray(), seed);
        return new PairedComparison(perRepeat.Length, mean, low, high, perRepeat, pairs.Count, sites.Length, wins, losses, SignTest(wins, losses),
            pairs.Average(p => p.Model) / pairs.Average(p => p.Trees), bootLow, bootHigh);
    }

    /// <summary>Two-sided exact binomial sign test of <paramref name="wins"/> against <paramref name="losses"/> (ties dropped), p = 0.5.</summary>
    public static double SignTest(int wins, int losses)
    {
        var n = wins + losses;
        if (n == 0)
            return 1;
        var k = Math.Min(wins, losses);
        // P(X <= k) for X ~ Binomial(n, 1/2), summed in log space so large n does not overflow.
        double tail = 0;
        for (var i = 0; i <= k; i++)
            tail += Math.Exp(LogChoose(n, i) - n * Math.Log(2));
        return Math.Min(1, 2 * tail);
    }

    private static double LogChoose(int n, int k)
    {
        double s = 0;
        for (var i = 1; i <= k; i++)
            s += Math.Log(n - k + i) - Math.Log(i);
        return s;
    }

    /// <summary>
    /// The 2.5th and 97.5th percentiles of the pooled ratio over <see cref="BootstrapResamples"/> resamples of the
    /// clusters (a site's summed RMSEs over its repeats: resampling a site takes all its pairs).
    /// </summary>
    public static (double Low, double High) BootstrapRatio(IReadOnlyList<(double Model, double Trees)> pairs, int seed)
    {
        var rng = new Random(seed);
        var ratios = new double[BootstrapResamples];
        for (var b = 0; b < ratios.Length; b++)
        {
            double model = 0, trees = 0;
            for (var i = 0; i < pairs.Count; i++)
            {
                var p = pairs[rng.Next(pairs.Count)];
                model += p.Model;
                trees += p.Trees;
            }
            ratios[b] = model / trees;
        }
        Array.Sort(ratios);
        return (ratios[(int)(0.025 * (ratios.Length - 1))], ratios[(int)Math.Ceiling(0.975 * (ratios.Length - 1))]);
    }

    /// <summary>The 97.5 % quantile of Student's t with <paramref name="df"/> degrees of freedom (table to 30, normal beyond).</summary>
    public static double StudentT975(int df)
    {
        double[] table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                          2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042];
        return df < 1 ? double.NaN : df <= table.Length ? table[df - 1] : 1.96;
    }

    /// <summary>The median of finite values; NaN when there is none.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
