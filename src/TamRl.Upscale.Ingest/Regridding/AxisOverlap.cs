using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Ingest.Regridding;

/// <summary>A source cell index and its weight along one axis.</summary>
internal readonly record struct AxisWeight(int Index, double Weight);

/// <summary>
/// Overlaps between the cells of a target and a source axis. Latitude overlaps are weighted by the
/// difference of the sines of the bounding latitudes, which makes the product of the two axes' weights
/// proportional to the exact area of the overlap on the sphere; longitude overlaps are in degrees, with
/// wrap-around for a source that goes all the way round.
/// </summary>
internal static class AxisOverlap
{
    private const double DegreesToRadians = Math.PI / 180;

    public static AxisWeight[][] Latitude(RegularLatLonGrid source, RegularLatLonGrid target)
    {
        var result = new AxisWeight[target.Rows][];
        for (var r = 0; r < target.Rows; r++)
        {
            var top = target.North - r * target.LatitudeResolution;
            var bottom = top - target.LatitudeResolution;
            var list = new List<AxisWeight>();
            var first = Math.Max(0, (int)Math.Floor((source.North - top) / source.LatitudeResolution + 1e-9));
            for (var i = first; i < source.Rows; i++)
            {
                var sTop = source.North - i * source.LatitudeResolution;
                var sBottom = sTop - source.LatitudeResolution;
                if (sTop <= bottom + 1e-12)
                    break;
                var hi = Math.Min(top, sTop);
                var lo = Math.Max(bottom, sBottom);
                if (hi > lo + 1e-12)
                    list.Add(new AxisWeight(i, Math.Sin(hi * DegreesToRadians) - Math.Sin(lo * DegreesToRadians)));
            }
            result[r] = list.ToArray();
        }
        return result;
    }

    public static AxisWeight[][] Longitude(RegularLatLonGrid source, RegularLatLonGrid target)
    {
        var wraps = source.IsGlobalInLongitude;
        var result = new AxisWeight[target.Columns][];
        for (var c = 0; c < target.Columns; c++)
        {
            var west = target.West + c * target.LongitudeResolution;
            var east = west + target.LongitudeResolution;
            var list = new List<AxisWeight>();
            var j0 = (int)Math.Floor((west - source.West) / source.LongitudeResolution + 1e-9);
            var j1 = (int)Math.Ceiling((east - source.West) / source.LongitudeResolution - 1e-9);
            for (var j = j0; j < j1; j++)
            {
                var sWest = source.West + j * source.LongitudeResolution;
                var overlap = Math.Min(east, sWest + source.LongitudeResolution) - Math.Max(west, sWest);
                if (overlap <= 1e-12)
                    continue;
                var index = j;
                if (wraps)
                    index = ((j % source.Columns) + source.Columns) % source.Columns;
                else if (j < 0 || j >= source.Columns)
                    continue;
                list.Add(new AxisWeight(index, overlap));
            }
            result[c] = list.ToArray();
        }
        return result;
    }
}
