namespace TamRl.Upscale.Core.Prediction;

/// <summary>
/// The drivers of a block of land pixels over one period, the unit of inference. Each pixel brings its
/// whole series, not a single window, because the model's task code is computed from the location's
/// own history (its support set).
/// </summary>
/// <param name="Pixels">Number of pixels.</param>
/// <param name="Days">Number of daily steps.</param>
/// <param name="Drivers">Driver values laid out [pixel, day, feature] in <see cref="FeatureNames"/> order, physical units.</param>
/// <param name="Igbp">IGBP class index per pixel.</param>
/// <param name="Koppen">Koppen class index per pixel.</param>
/// <param name="Latitude">Cell-centre latitude per pixel, degrees north.</param>
/// <param name="Longitude">Cell-centre longitude per pixel, degrees east.</param>
public sealed record PixelBlock(int Pixels, int Days, float[] Drivers, int[] Igbp, int[] Koppen, float[] Latitude, float[] Longitude)
{
    /// <summary>The features of <see cref="Drivers"/>' last axis: the driver cube's unless set (a model trained on other features).</summary>
    public IReadOnlyList<string> FeatureNames { get; init; } = Variables.DriverFeatures.Names;

    public int Features => FeatureNames.Count;

    /// <summary>
    /// Spans of days (first day index, number of days), e.g. the months of the period, over which an ensemble predictor
    /// also returns each member's mean (<see cref="FluxBlock.MemberMeans"/>): the spread of a monthly mean or a total is
    /// the spread of the members' means, which the daily spreads cannot give. Null: none asked.
    /// </summary>
    public IReadOnlyList<(int First, int Days)>? MemberMeanSpans { get; init; }

    /// <summary>Throws, naming the first feature that differs, when the block's features are not the model's (names and order).</summary>
    public void RequireFeatures(IReadOnlyList<string> expected)
    {
        if (FeatureNames.SequenceEqual(expected))
            return;
        var i = 0;
        while (i < Math.Min(FeatureNames.Count, expected.Count) && FeatureNames[i] == expected[i])
            i++;
        var what = i < expected.Count ? $"feature '{expected[i]}' (position {i + 1})" : $"no feature after '{expected[^1]}'";
        throw new ArgumentException(
            $"the model expects {what} where the drivers hold {(i < FeatureNames.Count ? $"'{FeatureNames[i]}'" : "nothing")}: model [{string.Join(", ", expected)}], drivers [{string.Join(", ", FeatureNames)}]");
    }

    /// <summary>Throws when the arrays disagree with the declared sizes.</summary>
    public void Validate()
    {
        if (Pixels < 0 || Days < 0)
            throw new ArgumentException("pixel and day counts must not be negative");
        if (Drivers.Length != (long)Pixels * Days * Features)
            throw new ArgumentException($"Drivers holds {Drivers.Length} values, expected {Pixels} x {Days} x {Features}");
        foreach (var (name, length) in new[] { ("Igbp", Igbp.Length), ("Koppen", Koppen.Length), ("Latitude", Latitude.Length), ("Longitude", Longitude.Length) })
            if (length != Pixels)
                throw new ArgumentException($"{name} holds {length} values, expected {Pixels}");
    }
}
