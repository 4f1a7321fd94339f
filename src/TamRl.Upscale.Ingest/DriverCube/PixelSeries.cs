namespace TamRl.Upscale.Ingest.DriverCube;

/// <summary>
/// The daily series of a set of pixels read from the driver cube, laid out [pixel, day, feature] like
/// <see cref="Core.Prediction.PixelBlock.Drivers"/>. NaN where the cube holds its fill value (ocean).
/// </summary>
/// <param name="Pixels">The (row, column) of each pixel, in the order asked for.</param>
/// <param name="FirstDay">The first day of the series.</param>
/// <param name="Days">Number of days.</param>
/// <param name="Features">The feature names, in the order of the last axis.</param>
/// <param name="Values">pixel * Days * Features.Count + day * Features.Count + feature.</param>
public sealed record PixelSeries(IReadOnlyList<(int Row, int Column)> Pixels, DateOnly FirstDay, int Days, IReadOnlyList<string> Features, float[] Values)
{
    public DateOnly LastDay => FirstDay.AddDays(Days - 1);

    public float this[int pixel, int day, int feature] => Values[((long)pixel * Days + day) * Features.Count + feature];

    /// <summary>One pixel's series of one feature (a copy).</summary>
    public float[] Series(int pixel, string feature)
    {
        var f = IndexOfFeature(feature);
        var result = new float[Days];
        for (var d = 0; d < Days; d++)
            result[d] = this[pixel, d, f];
        return result;
    }

    public int IndexOfFeature(string feature)
    {
        for (var i = 0; i < Features.Count; i++)
            if (Features[i] == feature)
                return i;
        throw new ArgumentException($"feature '{feature}' was not read; read: {string.Join(", ", Features)}", nameof(feature));
    }
}
