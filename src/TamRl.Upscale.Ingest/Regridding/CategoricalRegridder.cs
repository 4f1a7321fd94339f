using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Ingest.Regridding;

/// <summary>
/// Regrids class maps (IGBP, Koppen): the class covering the largest area of the target cell when
/// coarsening (area-weighted mode, ties to the smaller class index), the class of the source cell holding the
/// target centre when refining. Negative values mean "no class" and are ignored; a cell with no class is -1.
/// </summary>
public sealed class CategoricalRegridder
{
    private readonly AxisWeight[][] _rows;
    private readonly AxisWeight[][] _columns;
    private readonly bool _coarsening;

    public CategoricalRegridder(RegularLatLonGrid source, RegularLatLonGrid target)
    {
        Source = source;
        Target = target;
        _coarsening = target.LatitudeResolution * target.LongitudeResolution >= source.LatitudeResolution * source.LongitudeResolution * (1 - 1e-9);
        _rows = AxisOverlap.Latitude(source, target);
        _columns = AxisOverlap.Longitude(source, target);
    }

    public RegularLatLonGrid Source { get; }

    public RegularLatLonGrid Target { get; }

    public int[] Regrid(ReadOnlySpan<int> source)
    {
        var result = new int[Target.Rows * Target.Columns];
        var areas = new Dictionary<int, double>();
        for (var r = 0; r < Target.Rows; r++)
            for (var c = 0; c < Target.Columns; c++)
            {
                var best = -1;
                if (_coarsening)
                {
                    areas.Clear();
                    foreach (var (i, wy) in _rows[r])
                        foreach (var (j, wx) in _columns[c])
                        {
                            var k = source[i * Source.Columns + j];
                            if (k >= 0)
                                areas[k] = areas.GetValueOrDefault(k) + wy * wx;
                        }
                    var bestArea = 0.0;
                    foreach (var (k, a) in areas.OrderBy(p => p.Key))
                        if (a > bestArea + 1e-15)
                        {
                            best = k;
                            bestArea = a;
                        }
                }
                else
                {
                    // The source cell with the largest overlap is the one holding the target centre.
                    AxisWeight? row = _rows[r].Length > 0 ? _rows[r].MaxBy(w => w.Weight) : null;
                    AxisWeight? col = _columns[c].Length > 0 ? _columns[c].MaxBy(w => w.Weight) : null;
                    if (row is { } ri && col is { } ci)
                        best = Math.Max(-1, source[ri.Index * Source.Columns + ci.Index]);
                }
                result[r * Target.Columns + c] = best;
            }
        return result;
    }
}
