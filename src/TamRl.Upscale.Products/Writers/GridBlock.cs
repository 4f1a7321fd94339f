using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Products.Writers;

/// <summary>A rectangle of grid cells: rows <see cref="Row0"/>.. and columns <see cref="Column0"/>.., row-major inside.</summary>
public sealed record GridBlock(int Row0, int Rows, int Column0, int Columns)
{
    public int Cells => Rows * Columns;

    /// <summary>The grid index (row-major over the whole grid) of the block's cell <paramref name="i"/>.</summary>
    public long GridIndex(int i, int gridColumns) => (long)(Row0 + i / Columns) * gridColumns + Column0 + i % Columns;

    /// <summary>Whether the two rectangles share a cell.</summary>
    public bool Overlaps(int row0, int rows, int column0, int columns) =>
        Row0 < row0 + rows && row0 < Row0 + Rows && Column0 < column0 + columns && column0 < Column0 + Columns;
}

/// <summary>
/// The spatial blocks that assembly and the checks work in: the chunks of the product NetCDF files
/// (one step of at most <see cref="MaxRows"/> x <see cref="MaxColumns"/> cells). Whole chunks are written
/// and read at once, so netCDF-C needs no chunk cache and compresses each chunk once; what is held in memory
/// is a few blocks, bounded by the chunk size whatever the grid. Blocks are small enough (180 x 360 cells,
/// 65 k: the whole map up to 1 degree) to bound the block arrays; publication measured 144 / 153 / 195 /
/// 334 MiB at 2 / 1 / 0.5 / 0.25 degrees (409 at 0.25 with 720 x 1440 blocks): lower, not yet flat.
/// </summary>
public static class ProductBlocks
{
    public const int MaxRows = 180;

    public const int MaxColumns = 360;

    private static readonly AsyncLocal<(int Rows, int Columns)?> s_testBlock = new();

    /// <summary>The largest block (and product chunk): <see cref="MaxRows"/> x <see cref="MaxColumns"/> unless a test chose smaller.</summary>
    internal static (int Rows, int Columns) MaxBlock => s_testBlock.Value ?? (MaxRows, MaxColumns);

    /// <summary>
    /// For tests: smaller blocks (and product chunks) in the calling flow, so that small grids go through
    /// many blocks, with tiles straddling their edges. Dispose to restore.
    /// </summary>
    internal static IDisposable UseSmallBlocksForTests(int rows, int columns)
    {
        var previous = s_testBlock.Value;
        s_testBlock.Value = (rows, columns);
        return new Restore(() => s_testBlock.Value = previous);
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    public static IReadOnlyList<GridBlock> Of(RegularLatLonGrid grid)
    {
        var rows = Math.Min(grid.Rows, MaxBlock.Rows);
        var columns = Math.Min(grid.Columns, MaxBlock.Columns);
        var blocks = new List<GridBlock>();
        for (var r = 0; r < grid.Rows; r += rows)
            for (var c = 0; c < grid.Columns; c += columns)
                blocks.Add(new GridBlock(r, Math.Min(rows, grid.Rows - r), c, Math.Min(columns, grid.Columns - c)));
        return blocks;
    }
}
