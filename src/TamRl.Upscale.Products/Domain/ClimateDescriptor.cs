namespace TamRl.Upscale.Products.Domain;

/// <summary>
/// What a place's drivers look like, as the domain of applicability compares places: for each driver feature the
/// mean and the standard deviation of its daily values over a period (the level and the seasonality: a desert and
/// a tundra differ in both). Values are the cube's units; <see cref="TrainingDomain"/> standardises them.
/// </summary>
public static class ClimateDescriptor
{
    /// <summary>Entries per feature: mean, standard deviation.</summary>
    public const int PerFeature = 2;

    /// <summary>
    /// The descriptor of one place from its daily drivers, [day, feature] in <paramref name="values"/> starting at
    /// <paramref name="offset"/>, taking the features at <paramref name="featureIndex"/>. Missing days (NaN) are
    /// skipped; a feature without any day gives NaN entries.
    /// </summary>
    public static double[] Of(ReadOnlySpan<float> values, int days, int features, IReadOnlyList<int> featureIndex)
    {
        var result = new double[featureIndex.Count * PerFeature];
        for (var k = 0; k < featureIndex.Count; k++)
        {
            double sum = 0, sumSq = 0;
            var n = 0;
            for (var d = 0; d < days; d++)
            {
                var v = values[d * features + featureIndex[k]];
                if (!float.IsFinite(v))
                    continue;
                sum += v;
                sumSq += (double)v * v;
                n++;
            }
            var mean = n > 0 ? sum / n : double.NaN;
            result[k * PerFeature] = mean;
            result[k * PerFeature + 1] = n > 0 ? Math.Sqrt(Math.Max(0, sumSq / n - mean * mean)) : double.NaN;
        }
        return result;
    }
}
