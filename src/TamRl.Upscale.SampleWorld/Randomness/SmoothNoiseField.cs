using TamRl.Upscale.Core.Randomness;
namespace TamRl.Upscale.SampleWorld.Randomness;

/// <summary>
/// A spatially smooth random field: standard normal values on a coarse node grid (fixed spacing in
/// degrees, independent of the world's resolution) interpolated bilinearly to the cells, optionally
/// evolving in time as AR(1), n(t) = phi n(t-1) + sqrt(1 - phi^2) e(t), so weather is correlated in
/// space (over the node spacing) and in time (over 1/(1-phi) days). Node count is fixed, so the cost
/// of a time step is one pass over the cells.
/// </summary>
internal sealed class SmoothNoiseField
{
    private readonly double[] _nodes;
    private readonly int _nodeRows;
    private readonly int _nodeColumns;
    private readonly double _phi;
    private SplitMix64 _random;
    private readonly int[] _index; // per cell: top-left node index
    private readonly float[] _wx;
    private readonly float[] _wy;

    /// <param name="latitudes">Cell-centre latitude per cell.</param>
    /// <param name="longitudes">Cell-centre longitude per cell (-180..180).</param>
    public SmoothNoiseField(ulong seed, string purpose, double spacingDegrees, double phi, double[] latitudes, double[] longitudes)
    {
        _random = new SplitMix64(seed, SplitMix64.Key(purpose));
        _phi = phi;
        _nodeRows = (int)Math.Ceiling(180 / spacingDegrees) + 2;
        _nodeColumns = (int)Math.Ceiling(360 / spacingDegrees); // periodic in longitude
        _nodes = new double[_nodeRows * _nodeColumns];
        for (var i = 0; i < _nodes.Length; i++)
            _nodes[i] = _random.NextGaussian();
        var n = latitudes.Length;
        _index = new int[n];
        _wx = new float[n];
        _wy = new float[n];
        for (var c = 0; c < n; c++)
        {
            var y = (90 - latitudes[c]) / spacingDegrees;
            var x = (longitudes[c] + 180) / spacingDegrees;
            var iy = Math.Clamp((int)Math.Floor(y), 0, _nodeRows - 2);
            var ix = (int)Math.Floor(x);
            _wy[c] = (float)(y - iy);
            _wx[c] = (float)(x - ix);
            _index[c] = iy * _nodeColumns + ((ix % _nodeColumns) + _nodeColumns) % _nodeColumns;
        }
        // Bilinear interpolation of N(0,1) nodes shrinks the variance between nodes; one fixed
        // rescaling by the mean shrinkage keeps the field's spread near 1 everywhere.
    }

    /// <summary>Advances the AR(1) process one step.</summary>
    public void Step()
    {
        var innovation = Math.Sqrt(1 - _phi * _phi);
        for (var i = 0; i < _nodes.Length; i++)
            _nodes[i] = _phi * _nodes[i] + innovation * _random.NextGaussian();
    }

    /// <summary>Writes the field at every cell into <paramref name="destination"/> (about N(0, 1)).</summary>
    public void Sample(Span<float> destination)
    {
        var cols = _nodeColumns;
        for (var c = 0; c < destination.Length; c++)
        {
            var i = _index[c];
            var col = i % cols;
            var right = col + 1 == cols ? i - col : i + 1;
            var wx = _wx[c];
            var wy = _wy[c];
            var top = _nodes[i] + wx * (_nodes[right] - _nodes[i]);
            var bottom = _nodes[i + cols] + wx * (_nodes[right + cols] - _nodes[i + cols]);
            // 1.5 restores the spread bilinear averaging removes (mean variance 4/9 at uniform weights).
            destination[c] = (float)(1.5 * (top + wy * (bottom - top)));
        }
    }
}
