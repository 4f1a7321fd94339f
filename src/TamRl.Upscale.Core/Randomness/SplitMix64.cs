namespace TamRl.Upscale.Core.Randomness;

/// <summary>
/// A small, fast, seedable generator (SplitMix64, Steele et al. 2014), owned here so that a seed gives the same
/// numbers on every .NET version and machine (System.Random's seeded sequence is not a documented contract). The
/// site splits seed it directly (<see cref="SplitMix64(long)"/>); the sample world keys a stream per purpose
/// (<see cref="SplitMix64(ulong, ulong)"/>, <see cref="Key"/>), so adding a stream never shifts another one.
/// A mutable struct: keep it in a local or a non-readonly field; a copy continues the same sequence on its own.
/// </summary>
public struct SplitMix64
{
    private ulong _state;
    private double _spare;
    private bool _hasSpare;

    /// <summary>The plain generator: its state is the seed (the site splits' sequence).</summary>
    public SplitMix64(long seed) => _state = unchecked((ulong)seed);

    /// <summary>A stream keyed by (seed, stream), mixed and advanced once (the sample world's sequence).</summary>
    public SplitMix64(ulong seed, ulong stream)
    {
        _state = unchecked(seed * 0x9E3779B97F4A7C15UL ^ (stream + 0x632BE59BD9B4E019UL) * 0xBF58476D1CE4E5B9UL);
        NextULong();
    }

    /// <summary>A stable stream key from a name (FNV-1a), so streams are named in code, not numbered.</summary>
    public static ulong Key(string name)
    {
        var h = 14695981039346656037UL;
        foreach (var c in name)
        {
            h ^= c;
            h = unchecked(h * 1099511628211UL);
        }
        return h;
    }

    public ulong NextULong()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform integer in [0, bound) (rejection sampling: no modulo bias).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        var b = (ulong)bound;
        var limit = ulong.MaxValue - ulong.MaxValue % b;
        ulong x;
        do x = NextULong(); while (x >= limit);
        return (int)(x % b);
    }

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
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
