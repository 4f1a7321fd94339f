namespace TamRl.Upscale.SampleWorld.Randomness;

/// <summary>
/// A small, fast, seedable generator (SplitMix64, Steele et al. 2014) with Gaussian draws. Every stream of
/// the world is an instance keyed by (seed, purpose), so adding a stream never shifts another one.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;
    private double _spare;
    private bool _hasSpare;

    public SplitMix64(ulong seed, ulong stream)
    {
        _state = seed * 0x9E3779B97F4A7C15UL ^ (stream + 0x632BE59BD9B4E019UL) * 0xBF58476D1CE4E5B9UL;
        _spare = 0;
        _hasSpare = false;
        NextULong();
    }

    /// <summary>A stable stream key from a name (FNV-1a), so streams are named in code, not numbered.</summary>
    public static ulong Key(string name)
    {
        var h = 14695981039346656037UL;
        foreach (var c in name)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return h;
    }

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Marsaglia polar method).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        var m = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * m;
        _hasSpare = true;
        return u * m;
    }
}
