namespace TamRl.Upscale.IO.Inspection;

/// <summary>Min, max, mean and missing count accumulated block by block (NaN counts as missing).</summary>
internal sealed class RunningStatistics
{
    private double _min = double.PositiveInfinity, _max = double.NegativeInfinity, _sum;
    private long _valid;

    public long Count { get; private set; }

    public long Missing => Count - _valid;

    public double? Min => _valid > 0 ? _min : null;

    public double? Max => _valid > 0 ? _max : null;

    public double? Mean => _valid > 0 ? _sum / _valid : null;

    public void Add(ReadOnlySpan<double> values)
    {
        Count += values.Length;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
                continue;
            _valid++;
            _sum += v;
            if (v < _min) _min = v;
            if (v > _max) _max = v;
        }
    }
}
