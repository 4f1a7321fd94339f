namespace TamRl.Upscale.Products.Writers;

/// <summary>
/// A deterministic subsample of a map series' finite values (every k-th value, k chosen from the expected count so at
/// most <see cref="Capacity"/> are kept), for display ranges by percentile without holding the maps: a 0.05 degree
/// year of monthly maps is 300 M values, of which a million give the 2nd and 98th percentiles to well under a
/// colour step. The products' fill value (<see cref="ProductFill.Value"/>) is not a value.
/// </summary>
public sealed class ValueSample
{
    public const int Capacity = 1 << 20;
    private readonly long stride;
    private readonly List<float> kept = [];
    private long seen;

    /// <param name="expectedValues">About how many values will be added (cells x maps); sets the stride.</param>
    public ValueSample(long expectedValues) => stride = Math.Max(1, (expectedValues + Capacity - 1) / Capacity);

    public int Count => kept.Count;

    public void Add(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v) || v == ProductFill.Value)
                continue;
            if (seen++ % stride == 0)
                kept.Add(v);
        }
    }

    /// <summary>The value below which a fraction <paramref name="p"/> of the kept values lie (nearest rank); NaN when empty.</summary>
    public double Percentile(double p)
    {
        if (kept.Count == 0)
            return double.NaN;
        var sorted = kept.Order().ToArray();
        var rank = (int)Math.Clamp(Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[rank];
    }
}
