using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Ingest.Regridding;

/// <summary>
/// First-order conservative (area-weighted) regridding for coarsening: each target cell is the mean of
/// the source cells it overlaps, weighted by the area of each overlap on the sphere. Source cells without
/// a value (NaN) are left out and the weights of the rest renormalised, so a coastal cell averages its land
/// part only; a target cell with no valued overlap is NaN. The area-weighted mean of the result over any
/// union of whole target cells equals the source's where no values are missing.
/// </summary>
public sealed class ConservativeRegridder : IRegridder
{
    private readonly AxisWeight[][] _rows;
    private readonly AxisWeight[][] _columns;

    public ConservativeRegridder(RegularLatLonGrid source, RegularLatLonGrid target)
    {
        Source = source;
        Target = target;
        _rows = AxisOverlap.Latitude(source, target);
        _columns = AxisOverlap.Longitude(source, target);
    }

    public RegularLatLonGrid Source { get; }

    public RegularLatLonGrid Target { get; }

    public void Regrid(ReadOnlySpan<float> source, Span<float> target)
    {
        var sc = Source.Columns;
        for (var r = 0; r < Target.Rows; r++)
        {
            var rowWeights = _rows[r];
            for (var c = 0; c < Target.Columns; c++)
            {
                var colWeights = _columns[c];
                double sum = 0, weight = 0;
                foreach (var (i, wy) in rowWeights)
                {
                    var rowStart = i * sc;
                    foreach (var (j, wx) in colWeights)
                    {
                        var v = source[rowStart + j];
                        if (float.IsNaN(v))
                            continue;
                        var w = wy * wx;
                        sum += w * v;
                        weight += w;
                    }
                }
                target[r * Target.Columns + c] = weight > 0 ? (float)(sum / weight) : float.NaN;
            }
        }
    }
}
