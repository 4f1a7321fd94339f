using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Ingest.Regridding;

/// <summary>
/// Bilinear interpolation between the four source cell centres around each target cell centre, for
/// refining. Longitudes wrap for a global source; target centres beyond the outermost source centres
/// but inside the source's extent take the edge values (no extrapolation); outside the extent, NaN.
/// Source NaNs are left out and the remaining weights renormalised, so coastlines do not spread NaN.
/// </summary>
public sealed class BilinearRegridder : IRegridder
{
    private readonly (int Lower, int Upper, double Fraction)[] _rows;
    private readonly (int Lower, int Upper, double Fraction)[] _columns;

    public BilinearRegridder(RegularLatLonGrid source, RegularLatLonGrid target)
    {
        Source = source;
        Target = target;
        _rows = new (int, int, double)[target.Rows];
        for (var r = 0; r < target.Rows; r++)
        {
            var lat = target.LatitudeOfRow(r);
            if (lat > source.North + 1e-9 || lat < source.South - 1e-9)
            {
                _rows[r] = (-1, -1, 0);
                continue;
            }
            var y = (source.North - lat) / source.LatitudeResolution - 0.5; // fractional source row
            var lower = (int)Math.Floor(y);
            var f = y - lower;
            _rows[r] = (Math.Clamp(lower, 0, source.Rows - 1), Math.Clamp(lower + 1, 0, source.Rows - 1), f);
        }
        _columns = new (int, int, double)[target.Columns];
        for (var c = 0; c < target.Columns; c++)
        {
            var lon = target.LongitudeOfColumn(c);
            if (source.IsGlobalInLongitude)
            {
                var x = ((lon - source.West) / source.LongitudeResolution - 0.5) % source.Columns;
                if (x < 0) x += source.Columns;
                var lower = (int)Math.Floor(x);
                _columns[c] = (lower % source.Columns, (lower + 1) % source.Columns, x - lower);
            }
            else if (lon < source.West - 1e-9 || lon > source.East + 1e-9)
                _columns[c] = (-1, -1, 0);
            else
            {
                var x = (lon - source.West) / source.LongitudeResolution - 0.5;
                var lower = (int)Math.Floor(x);
                _columns[c] = (Math.Clamp(lower, 0, source.Columns - 1), Math.Clamp(lower + 1, 0, source.Columns - 1), x - lower);
            }
        }
    }

    public RegularLatLonGrid Source { get; }

    public RegularLatLonGrid Target { get; }

    public void Regrid(ReadOnlySpan<float> source, Span<float> target)
    {
        var sc = Source.Columns;
        for (var r = 0; r < Target.Rows; r++)
        {
            var (r0, r1, fy) = _rows[r];
            for (var c = 0; c < Target.Columns; c++)
            {
                var (c0, c1, fx) = _columns[c];
                if (r0 < 0 || c0 < 0)
                {
                    target[r * Target.Columns + c] = float.NaN;
                    continue;
                }
                double sum = 0, weight = 0;
                Add(source[r0 * sc + c0], (1 - fy) * (1 - fx));
                Add(source[r0 * sc + c1], (1 - fy) * fx);
                Add(source[r1 * sc + c0], fy * (1 - fx));
                Add(source[r1 * sc + c1], fy * fx);
                target[r * Target.Columns + c] = weight > 0 ? (float)(sum / weight) : float.NaN;

                void Add(float v, double w)
                {
                    if (w <= 0 || float.IsNaN(v))
                        return;
                    sum += w * v;
                    weight += w;
                }
            }
        }
    }
}
