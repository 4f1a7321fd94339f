using System.Diagnostics;
using System.Runtime.CompilerServices;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Gdal;

namespace TamRl.Upscale.Ingest.Modis;

/// <summary>
/// Tiles of one layer and composite mosaicked onto a target lat-lon grid, a tile at a time, with GDAL's
/// warper: each tile (its stored codes with QA-rejected pixels set to the fill, or its decoded values with
/// them NaN) is warped onto the block of target cells it reaches with <c>-r average</c> and that as nodata
/// (the tile's mean of valid pixels per cell, exactly gdalwarp's; codes scaled after averaging),
/// and its pixels are counted per cell (all, and valid) by where their centres fall (<see cref="PixelCentres"/>).
/// Per cell the tiles' means are combined weighted by their valid counts, so a cell shared by tiles gets the
/// mean of all its valid pixels, and its valid fraction is the valid share of the pixels that fall in it. A cell takes a value only
/// when its valid fraction is at least <see cref="MinValidFraction"/>.
/// Memory: one tile's codes (or values) and its warped block at a time, plus target rows only where tiles landed, so it
/// does not grow with the number of tiles. Classes (land cover) take the warper's <c>mode</c> per tile, and
/// a cell reached by several tiles the class of the tile with most valid pixels in it.
/// </summary>
public sealed class ModisMosaic
{
    private readonly RegularLatLonGrid _target;
    private readonly bool _categorical;
    // Per target row reached, one array of 3 x Columns: the valid-weighted sum of means, the valid count and
    // the count of all pixels (one array, not three: a row is then large enough for the large-object heap,
    // and is not copied from generation to generation by the GC as 57 KB arrays would be).
    private readonly double[]?[] _rows;
    private readonly float[]?[] _class;
    private readonly Stopwatch _warp = new(), _count = new(), _accumulate = new();
    private int[] _all = [], _valid = [];

    public ModisMosaic(RegularLatLonGrid target, double minValidFraction, bool categorical = false)
    {
        if (!(minValidFraction >= 0 && minValidFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(minValidFraction), minValidFraction, "must be in [0, 1]");
        _target = target;
        _categorical = categorical;
        MinValidFraction = minValidFraction;
        _rows = new double[]?[target.Rows];
        _class = new float[]?[target.Rows];
    }

    public double MinValidFraction { get; }

    /// <summary>Valid source pixels added so far (all tiles).</summary>
    public long Kept { get; private set; }

    /// <summary>Time spent so far in the warper, in counting pixels per cell and in adding to the target rows (for the benchmark).</summary>
    public (TimeSpan Warp, TimeSpan Count, TimeSpan Accumulate) Spent => (_warp.Elapsed, _count.Elapsed, _accumulate.Elapsed);

    /// <summary>Adds one tile; a tile that reaches no target cell adds nothing.</summary>
    public void Add(ModisLayerImage tile)
    {
        Kept += tile.Kept;
        if (Window(tile) is not { } w)
            return;
        var (window, row0, column0) = w;
        _warp.Start();
        // The stored codes where the tile has them (ingest reads only those: an 8-bit tile is 5.8 MB, its
        // float values 23), the average scaled afterwards; the decoded values otherwise. Cells without a valid
        // pixel come back NaN either way.
        var codes = tile.Codes;
        var means = GdalWarp.ToLatLon(codes is null
                ? new ProjectedRaster(tile.Width, tile.Height, tile.GeoTransform, tile.ProjectionWkt, [tile.Values], double.NaN)
                : new ProjectedRaster(tile.Width, tile.Height, tile.GeoTransform, tile.ProjectionWkt, [codes.Codes], codes.NoData),
            window, _categorical ? "mode" : "average", tile.Path)[0];
        if (codes is not null && (codes.Scale != 1 || codes.Offset != 0))
            for (var k = 0; k < means.Length; k++)
                means[k] = means[k] * codes.Scale + codes.Offset;
        _warp.Stop();
        // Pixel counts per cell (all, and valid), each pixel counted in the cell holding its centre. The
        // count buffers are kept for the next tile (the block a tile reaches is about the same size).
        _count.Start();
        var cells = window.Columns * window.Rows;
        if (_all.Length < cells)
        {
            _all = new int[cells];
            _valid = new int[cells];
        }
        var allCount = _all.AsSpan(0, cells);
        var validCount = _valid.AsSpan(0, cells);
        allCount.Clear();
        validCount.Clear();
        using (var centres = new PixelCentres(tile.ProjectionWkt, tile.GeoTransform))
            switch (codes?.Codes) // valid: not the fill code, or not NaN
            {
                case byte[] b:
                    centres.Count(window, tile.Width, tile.Height, b, (byte)codes.NoData, allCount, validCount);
                    break;
                case short[] s:
                    centres.Count(window, tile.Width, tile.Height, s, (short)codes.NoData, allCount, validCount);
                    break;
                case ushort[] u:
                    centres.Count(window, tile.Width, tile.Height, u, (ushort)codes.NoData, allCount, validCount);
                    break;
                default:
                    centres.Count(window, tile.Width, tile.Height, tile.Values, allCount, validCount);
                    break;
            }
        _count.Stop();
        _accumulate.Start();
        Accumulate(window, row0, column0, means, allCount, validCount);
        _accumulate.Stop();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Accumulate(LatLonWindow window, int row0, int column0, double[] means, ReadOnlySpan<int> allCount, ReadOnlySpan<int> validCount)
    {
        var columns = _target.Columns;
        for (var r = 0; r < window.Rows; r++)
        {
            var row = row0 + r;
            var sums = _rows[row] ??= new double[3 * columns];
            var sum = sums.AsSpan(0, columns);
            var validRow = sums.AsSpan(columns, columns);
            var all = sums.AsSpan(2 * columns, columns);
            var classRow = _categorical ? _class[row] ??= NaNs(columns) : null;
            for (var c = 0; c < window.Columns; c++)
            {
                var k = r * window.Columns + c;
                var column = column0 + c;
                all[column] += allCount[k];
                if (!(validCount[k] > 0) || double.IsNaN(means[k]))
                    continue;
                if (classRow is not null)
                {
                    if (validCount[k] > validRow[column])
                        classRow[column] = (float)means[k]; // the tile with most valid pixels in the cell decides
                }
                else
                    sum[column] += means[k] * validCount[k];
                validRow[column] += validCount[k];
            }
        }
    }

    /// <summary>
    /// The target map (NaN where no tile reached, or the valid fraction is below the minimum) and each
    /// cell's valid fraction (0 where no tile reached).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (float[] Values, float[] ValidFraction) Finish()
    {
        var columns = _target.Columns;
        var cells = _target.Rows * columns;
        var values = NaNs(cells);
        var fraction = new float[cells];
        for (var row = 0; row < _target.Rows; row++)
        {
            if (_rows[row] is not { } sums)
                continue;
            for (var c = 0; c < columns; c++)
            {
                var all = sums[2 * columns + c];
                if (!(all > 0))
                    continue;
                var valid = sums[columns + c];
                // Decided on the fraction as reported (float), so a cell and its recorded fraction never disagree.
                var f = (float)Math.Min(1, valid / all);
                fraction[row * columns + c] = f;
                if (valid > 0 && f >= (float)MinValidFraction)
                    values[row * columns + c] = _categorical ? _class[row]![c] : (float)(sums[c] / valid);
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
