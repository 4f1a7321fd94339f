using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Gdal;

namespace TamRl.Upscale.Ingest.Modis;

/// <summary>
/// Tiles of one layer and composite mosaicked onto a target lat-lon grid, a tile at a time, with GDAL's
/// warper: each tile (QA-rejected pixels already NaN) is warped onto the block of target cells it reaches
/// with <c>-r average</c> and NaN as nodata (the tile's mean of valid pixels per cell, exactly gdalwarp's),
/// and its pixels are counted per cell (all, and valid) by where their centres fall (<see cref="PixelCentres"/>).
/// Per cell the tiles' means are combined weighted by their valid counts, so a cell shared by tiles gets the
/// mean of all its valid pixels, and its valid fraction is the valid share of the pixels that fall in it. A cell takes a value only
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
        var means = GdalWarp.ToLatLon(new ProjectedRaster(tile.Width, tile.Height, tile.GeoTransform, tile.ProjectionWkt, [tile.Values], double.NaN),
            window, _categorical ? "mode" : "average", tile.Path)[0];
        // Pixel counts per cell (all, and valid), each pixel counted in the cell holding its centre.
        var validCount = new double[means.Length];
        var allCount = new double[means.Length];
        var longitude = new double[tile.Width];
        var latitude = new double[tile.Width];
        using (var centres = new PixelCentres(tile.ProjectionWkt, tile.GeoTransform))
            for (var y = 0; y < tile.Height; y++)
            {
                centres.Row(y, longitude, latitude);
                for (var x = 0; x < tile.Width; x++)
                {
                    var r = (int)Math.Floor((window.North - latitude[x]) / window.Resolution);
                    var c = (int)Math.Floor((longitude[x] - window.West) / window.Resolution);
                    if (r < 0 || r >= window.Rows || c < 0 || c >= window.Columns) // NaN fails these too
                        continue;
                    allCount[r * window.Columns + c]++;
                    if (!float.IsNaN(tile.Values[y * tile.Width + x]))
                        validCount[r * window.Columns + c]++;
                }
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
                // Decided on the fraction as reported (float), so a cell and its recorded fraction never disagree.
                var f = (float)Math.Min(1, _valid[row]![c] / all[c]);
                fraction[row * _target.Columns + c] = f;
                if (_valid[row]![c] > 0 && f >= (float)MinValidFraction)
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
