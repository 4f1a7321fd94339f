using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Products.Chunking;

/// <summary>
/// Splits the land pixels of a grid and a period into chunks that fit a <see cref="MemoryBudget"/>.
/// Tiles are as square as the budget allows (so a region rerun touches few of them), sized from the
/// grid, the period and the budget alone; tiles without land are left out.
/// </summary>
public static class ChunkPlanner
{
    /// <param name="grid">The grid of the driver cube.</param>
    /// <param name="landMask">True for land cells, row-major (north row first), <c>grid.Rows * grid.Columns</c> values.</param>
    /// <param name="period">The days to infer.</param>
    /// <param name="budget">Memory for one chunk in flight.</param>
    /// <param name="tileShape">The tile shape a run was planned with (see <see cref="RunTiles"/>); by default this version's <see cref="TileShape"/>.</param>
    public static ChunkPlan Plan(RegularLatLonGrid grid, IReadOnlyList<bool> landMask, DatePeriod period, MemoryBudget budget, (int Rows, int Columns)? tileShape = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(landMask);
        if (landMask.Count != (long)grid.Rows * grid.Columns)
            throw new ArgumentException($"land mask holds {landMask.Count} cells, the grid {grid.Rows} x {grid.Columns}");
        return Plan(grid, (row0, rows, column0, columns) =>
        {
            var land = 0;
            for (var r = row0; r < row0 + rows; r++)
                for (var c = column0; c < column0 + columns; c++)
                    if (landMask[r * grid.Columns + c])
                        land++;
            return land;
        }, period, budget, tileShape);
    }

    /// <summary>
    /// The same plan from a count of land cells per tile, for grids whose mask is not held whole in memory
    /// (0.05 degree global is 26 million cells): the caller counts from a file, a block at a time, or a formula.
    /// </summary>
    /// <param name="landCellsInTile">The number of land cells in the tile (row0, rows, column0, columns).</param>
    /// <param name="tileShape">The tile shape a run was planned with; by default this version's <see cref="TileShape"/>.</param>
    public static ChunkPlan Plan(RegularLatLonGrid grid, Func<int, int, int, int, int> landCellsInTile, DatePeriod period, MemoryBudget budget,
        (int Rows, int Columns)? tileShape = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(landCellsInTile);
        var (tileRows, tileColumns) = tileShape ?? TileShape(grid, budget.MaxPixels(period.Days));

        var chunks = new List<Chunk>();
        var tilesAcross = (grid.Columns + tileColumns - 1) / tileColumns;
        for (var row0 = 0; row0 < grid.Rows; row0 += tileRows)
        {
            var rows = Math.Min(tileRows, grid.Rows - row0);
            for (var col0 = 0; col0 < grid.Columns; col0 += tileColumns)
            {
                var columns = Math.Min(tileColumns, grid.Columns - col0);
                var land = landCellsInTile(row0, rows, col0, columns);
                if (land == 0)
                    continue;
                var id = row0 / tileRows * tilesAcross + col0 / tileColumns;
                chunks.Add(new Chunk(id, row0, rows, col0, columns, land));
            }
        }
        return new ChunkPlan(grid, period, budget, tileRows, tileColumns, chunks);
    }

    /// <summary>
    /// One chunk of the plan <see cref="Plan(RegularLatLonGrid, Func{int, int, int, int, int}, DatePeriod, MemoryBudget)"/>
    /// would make, found from its id alone: only its own tile's land is counted, so running a chunk does not
    /// re-plan the whole grid (26 million cells at 0.05 degree, once per chunk).
    /// </summary>
    /// <exception cref="ArgumentException">The id is outside the grid's tiles, or its tile holds no land (no such chunk).</exception>
    public static Chunk ChunkOf(RegularLatLonGrid grid, int id, Func<int, int, int, int, int> landCellsInTile, DatePeriod period, MemoryBudget budget,
        (int Rows, int Columns)? tileShape = null)
    {
        var (tileRows, tileColumns) = tileShape ?? TileShape(grid, budget.MaxPixels(period.Days));
        var tilesAcross = (grid.Columns + tileColumns - 1) / tileColumns;
        var tilesDown = (grid.Rows + tileRows - 1) / tileRows;
        if (id < 0 || id >= tilesAcross * tilesDown)
            throw new ArgumentException($"no chunk {id}: the grid has tiles 0..{tilesAcross * tilesDown - 1}");
        var (row0, col0) = (id / tilesAcross * tileRows, id % tilesAcross * tileColumns);
        var (rows, columns) = (Math.Min(tileRows, grid.Rows - row0), Math.Min(tileColumns, grid.Columns - col0));
        var land = landCellsInTile(row0, rows, col0, columns);
        if (land == 0)
            throw new ArgumentException($"no chunk {id}: its tile (rows {row0}..{row0 + rows - 1}, columns {col0}..{col0 + columns - 1}) holds no land");
        return new Chunk(id, row0, rows, col0, columns, land);
    }

    /// <summary>
    /// The driver cube's spatial chunk (cells): tiles are whole multiples of it where they can be, so that every
    /// chunk of the cube lies in one tile and is decompressed once per run, not once per tile it straddles.
    /// </summary>
    public const int CubeChunk = Ingest.DriverCube.DriverCubeLayout.SpatialChunk;

    /// <summary>
    /// The tile shape: near-square, at most <paramref name="maxPixels"/> cells, never larger than the grid, each
    /// side a multiple of <see cref="CubeChunk"/> unless it is shorter than one or spans the grid.
    /// </summary>
    internal static (int Rows, int Columns) TileShape(RegularLatLonGrid grid, long maxPixels)
    {
        var side = (int)Math.Max(1, Math.Min(int.MaxValue, Math.Floor(Math.Sqrt(maxPixels))));
        var columns = Aligned(Math.Min(grid.Columns, side), grid.Columns);
        var rows = Aligned((int)Math.Min(grid.Rows, Math.Max(1, maxPixels / columns)), grid.Rows);
        // A grid narrower than the square tile: give the spare budget to the other side.
        columns = Aligned((int)Math.Min(grid.Columns, Math.Max(1, maxPixels / rows)), grid.Columns);
        return (rows, columns);
    }

    /// <summary>
    /// The tile shape of a run planned before tiles were aligned to the cube's chunks (run.json without
    /// tile_rows / tile_columns): its chunk files were written on these tiles, so its ids keep meaning them.
    /// </summary>
    public static (int Rows, int Columns) UnalignedTileShape(RegularLatLonGrid grid, long maxPixels)
    {
        var side = (int)Math.Max(1, Math.Min(int.MaxValue, Math.Floor(Math.Sqrt(maxPixels))));
        var columns = Math.Min(grid.Columns, side);
        var rows = (int)Math.Min(grid.Rows, Math.Max(1, maxPixels / columns));
        columns = (int)Math.Min(grid.Columns, Math.Max(1, maxPixels / rows));
        return (rows, columns);
    }

    /// <summary>A side rounded down to whole cube chunks, unless it is under one chunk or covers the grid's whole side.</summary>
    private static int Aligned(int cells, int gridCells) =>
        cells >= gridCells || cells < CubeChunk ? cells : cells - cells % CubeChunk;
}
