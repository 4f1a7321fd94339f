namespace TamRl.Upscale.Model.Evaluation;

/// <summary>Scores of one flux at one site over its test days, g C m-2 d-1 where a unit applies.</summary>
/// <param name="Rmse">Root mean squared error.</param>
/// <param name="R2">Coefficient of determination, 1 - SSres/SStot (negative when worse than the site's mean).</param>
/// <param name="Nmae">Mean absolute error over the mean absolute observation (CarbonBench's normalised MAE).</param>
/// <param name="Days">Test days scored.</param>
public sealed record FluxMetrics(double Rmse, double R2, double Nmae, int Days)
{
    /// <summary>The paper's test days: NEE QC exactly 1 (every half-hour measured or good gap-fill).</summary>
    public const double DefaultMinimumQc = 1.0;

    /// <summary>
    /// Scores over the days whose QC is at least <paramref name="minimumQc"/> (default 1: the paper's test days) and
    /// whose observation and prediction are finite; null when fewer than two such days exist.
    /// </summary>
    public static FluxMetrics? Compute(ReadOnlySpan<float> observed, ReadOnlySpan<float> predicted, ReadOnlySpan<float> qc, double minimumQc = DefaultMinimumQc)
    {
        var threshold = (float)minimumQc;
        if (observed.Length != predicted.Length || observed.Length != qc.Length)
            throw new ArgumentException("observed, predicted and qc must have the same length");
        double sum = 0, sumAbs = 0, n = 0;
        for (var i = 0; i < observed.Length; i++)
            if (qc[i] >= threshold && float.IsFinite(observed[i]) && float.IsFinite(predicted[i]))
            {
                sum += observed[i];
                sumAbs += Math.Abs(observed[i]);
                n++;
            }
        if (n < 2)
            return null;
        var mean = sum / n;
        double squares = 0, total = 0, absolute = 0;
        for (var i = 0; i < observed.Length; i++)
            if (qc[i] >= threshold && float.IsFinite(observed[i]) && float.IsFinite(predicted[i]))
            {
                var e = (double)predicted[i] - observed[i];
                squares += e * e;
                absolute += Math.Abs(e);
                total += (observed[i] - mean) * (observed[i] - mean);
            }
        var r2 = total > 0 ? 1 - squares / total : double.NaN;
        var nmae = sumAbs > 0 ? absolute / sumAbs : double.NaN;
        return new FluxMetrics(Math.Sqrt(squares / n), r2, nmae, (int)n);
    }
}
