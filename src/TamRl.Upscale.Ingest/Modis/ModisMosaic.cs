using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Gdal;

namespace TamRl.Upscale.Ingest.Modis;

/// <summary>
/// Tiles of one layer and composite mosaicked onto a target lat-lon grid, a tile at a time, with GDAL's
/// warper: each tile (QA-rejected pixels already NaN) is warped onto the block of target cells it reaches
/// with gdalwarp's area-weighted <c>sum</c> of three bands (value x valid, valid, 1), and the sums are added
/// on the target grid. A cell's value is then the area-weighted mean of its valid source pixels over every
/// tile (what <c>gdalwarp -r average</c> gives on a mosaic of the tiles with the rejected pixels as nodata),
/// and its valid fraction the valid share of the source pixels that fall in it. A cell takes a value only
/// when its valid fraction is at least <see cref="MinValidFraction"/>.
/// Memory: one tile's bands and its warped block at a time, plus target rows only where tiles landed, so it
/// does not grow with the number of tiles. Classes (land cover) take the warper's <c>mode</c> per tile, and
/// a cell reached by several tiles the class of the tile with most valid pixels in it.
/// </summary>
public sealed class ModisMosaic
{
    private readonly RegularLatLonGrid _target;
    private readonly bool _categorical;
    private readonly double[]?[] _sum;
    private readonly double[]?[] _valid;
    private readonly double[]?[] _all;
    private readonly float[]?[] _class;

    public ModisMosaic(RegularLatLonGrid target, double minValidFraction, bool categorical = false)
    {
        if (!(minValidFraction >= 0 && minValidFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(minValidFraction), minValidFraction, "must be in [0, 1]");
        _target = target;
        _categorical = categorical;
        MinValidFraction = minValidFraction;
        _sum = new double[]?[target.Rows];
        _valid = new double[]?[target.Rows];
        _all = new double[]?[target.Rows];
        _class = new float[]?[target.Rows];
    }

    public double MinValidFraction { get; }

    /// <summary>Valid source pixels added so far (all tiles).</summary>
    public long Kept { get; private set; }

    /// <summary>Adds one tile; a tile that reaches no target cell adds nothing.</summary>
    public void Add(ModisLayerImage tile)
    {
        Kept += tile.Kept;
        if (Window(tile) is not { } w)
            return;
        var (window, row0, column0) = w;
        var n = tile.Values.Length;
        var weighted = new float[n];
        var valid = new float[n];
        var ones = new float[n];
        for (var i = 0; i < n; i++)
        {
            var v = tile.Values[i];
            var ok = !float.IsNaN(v);
            weighted[i] = ok && !_categorical ? v : 0;
            valid[i] = ok ? 1 : 0;
            ones[i] = 1;
        }
        var sums = GdalWarp.ToLatLon(new ProjectedRaster(tile.Width, tile.Height, tile.GeoTransform, tile.ProjectionWkt, [weighted, valid, ones]),
            window, "sum", tile.Path);
        weighted = ones = null!; // only the sums are needed from here on
        double[]? modes = null;
        if (_categorical)
        {
            var classes = Array.ConvertAll(tile.Values, v => float.IsNaN(v) ? -1f : v);
            modes = GdalWarp.ToLatLon(new ProjectedRaster(tile.Width, tile.Height, tile.GeoTransform, tile.ProjectionWkt, [classes]),
                window, "mode", tile.Path)[0];
        }
        for (var r = 0; r < window.Rows; r++)
        {
            var row = row0 + r;
            var sum = _sum[row] ??= new double[_target.Columns];
            var validRow = _valid[row] ??= new double[_target.Columns];
            var all = _all[row] ??= new double[_target.Columns];
            var classRow = _categorical ? _class[row] ??= NaNs(_target.Columns) : null;
            for (var c = 0; c < window.Columns; c++)
            {
                var k = r * window.Columns + c;
                var column = column0 + c;
                if (classRow is not null && sums[1][k] > validRow[column] && modes![k] >= 0)
                    classRow[column] = (float)modes[k]; // the tile with most valid pixels in the cell decides
                sum[column] += sums[0][k];
                validRow[column] += sums[1][k];
                all[column] += sums[2][k];
            }
        }
    }

    /// <summary>
    /// The target map (NaN where no tile reached, or the valid fraction is below the minimum) and each
    /// cell's valid fraction (0 where no tile reached).
    /// </summary>
    public (float[] Values, float[] ValidFraction) Finish()
    {
        var cells = _target.Rows * _target.Columns;
        var values = NaNs(cells);
        var fraction = new float[cells];
        for (var row = 0; row < _target.Rows; row++)
        {
            if (_all[row] is not { } all)
                continue;
            for (var c = 0; c < _target.Columns; c++)
            {
                if (!(all[c] > 0))
                    continue;
                var f = _valid[row]![c] / all[c];
                fraction[row * _target.Columns + c] = (float)Math.Min(1, f);
                if (_valid[row]![c] > 0 && f >= MinValidFraction)
                    values[row * _target.Columns + c] = _categorical ? _class[row]![c] : (float)(_sum[row]![c] / _valid[row]![c]);
            }
        }
        return (values, fraction);
    }

    // The block of target cells the tile's lon-lat box reaches, or null when it reaches none.
    private (LatLonWindow Window, int Row0, int Column0)? Window(ModisLayerImage tile)
    {
        if (GeographicBounds.Of(tile.ProjectionWkt, tile.GeoTransform, tile.Width, tile.Height) is not { } b)
            return null;
        var dy = _target.LatitudeResolution;
        var dx = _target.LongitudeResolution;
        var row0 = Math.Max(0, (int)Math.Floor((_target.North - b.North) / dy + 1e-9));
        var row1 = Math.Min(_target.Rows, (int)Math.Ceiling((_target.North - b.South) / dy - 1e-9));
        var column0 = Math.Max(0, (int)Math.Floor((b.West - _target.West) / dx + 1e-9));
        var column1 = Math.Min(_target.Columns, (int)Math.Ceiling((b.East - _target.West) / dx - 1e-9));
        if (row1 <= row0 || column1 <= column0)
            return null;
        if (Math.Abs(dx - dy) > 1e-12)
            throw new NotSupportedException("the MODIS mosaic needs square target cells");
        return (new LatLonWindow(_target.West + column0 * dx, _target.North - row0 * dy, dx, column1 - column0, row1 - row0), row0, column0);
    }

    private static float[] NaNs(int n)
    {
        var a = new float[n];
        Array.Fill(a, float.NaN);
        return a;
    }
}
