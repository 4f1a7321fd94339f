using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.SampleWorld.Output;

/// <summary>
/// How the world's grid (columns west to east from -180) is laid out in a file. ERA5 files put longitude
/// 0..360 with latitude descending; a regional request that crosses the prime meridian keeps -180..180
/// (as the CDS does), since 0..360 would not be monotonic there. <see cref="Reorder"/> maps a day's cell
/// array into the file's column order without allocating.
/// </summary>
internal sealed class GridLayout
{
    private readonly int[] _sourceColumn;

    private GridLayout(RegularLatLonGrid grid, int rowStart, int rows, int colStart, int columns, bool zeroTo360)
    {
        Grid = grid;
        RowStart = rowStart;
        Rows = rows;
        Columns = columns;
        var lon = new double[columns];
        _sourceColumn = new int[columns];
        var all = Enumerable.Range(colStart, columns).Select(c => (Col: c, Lon: grid.LongitudeOfColumn(c))).ToList();
        if (zeroTo360)
            all = all.Select(x => (x.Col, Lon: x.Lon < 0 ? x.Lon + 360 : x.Lon)).OrderBy(x => x.Lon).ToList();
        for (var i = 0; i < columns; i++)
        {
            _sourceColumn[i] = all[i].Col;
            lon[i] = all[i].Lon;
        }
        Longitudes = lon;
        Latitudes = Enumerable.Range(rowStart, rows).Select(grid.LatitudeOfRow).ToArray();
    }

    public RegularLatLonGrid Grid { get; }
    public int RowStart { get; }
    public int Rows { get; }
    public int Columns { get; }
    public double[] Latitudes { get; }
    public double[] Longitudes { get; }
    public int Length => Rows * Columns;

    /// <summary>The grid as is: longitudes -180..180 west to east.</summary>
    public static GridLayout Native(RegularLatLonGrid grid) => new(grid, 0, grid.Rows, 0, grid.Columns, false);

    /// <summary>ERA5's layout of a window of the grid (all of it by default).</summary>
    public static GridLayout Era5(RegularLatLonGrid grid, int rowStart = 0, int rows = -1, int colStart = 0, int columns = -1)
    {
        rows = rows < 0 ? grid.Rows : rows;
        columns = columns < 0 ? grid.Columns : columns;
        var west = grid.LongitudeOfColumn(colStart);
        var east = grid.LongitudeOfColumn(colStart + columns - 1);
        var crossesMeridian = west < 0 && east > 0;
        return new GridLayout(grid, rowStart, rows, colStart, columns, !crossesMeridian || grid.IsGlobalInLongitude && columns == grid.Columns);
    }

    /// <summary>Copies the window of a grid-wide cell array into <paramref name="destination"/> in file order.</summary>
    public void Reorder(ReadOnlySpan<float> cells, Span<float> destination)
    {
        var gridColumns = Grid.Columns;
        for (var r = 0; r < Rows; r++)
        {
            var src = (RowStart + r) * gridColumns;
            var dst = r * Columns;
            for (var c = 0; c < Columns; c++)
                destination[dst + c] = cells[src + _sourceColumn[c]];
        }
    }

    /// <summary>
    /// Copies a band of whole grid rows (band-local cell array, <paramref name="rows"/> rows of all the grid's
    /// columns) into <paramref name="destination"/> in file column order. Only for layouts of all columns.
    /// </summary>
    public void ReorderBand(ReadOnlySpan<float> band, int rows, Span<float> destination)
    {
        if (Columns != Grid.Columns)
            throw new InvalidOperationException("a band covers all columns; this layout is a window");
        for (var r = 0; r < rows; r++)
        {
            var src = r * Columns;
            for (var c = 0; c < Columns; c++)
                destination[src + c] = band[src + _sourceColumn[c]];
        }
    }

    /// <summary>The grid cell of a file position.</summary>
    public int CellAt(int row, int column) => (RowStart + row) * Grid.Columns + _sourceColumn[column];
}
