using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Products.Chunking;

/// <summary>
/// The chunks of one grid, period and memory budget: a regular layout of tiles of
/// <see cref="TileRows"/> x <see cref="TileColumns"/> cells (the last row and column of tiles may be
/// smaller), of which only the tiles holding land are chunks.
/// </summary>
public sealed class ChunkPlan
{
    internal ChunkPlan(RegularLatLonGrid grid, DatePeriod period, MemoryBudget budget, int tileRows, int tileColumns, IReadOnlyList<Chunk> chunks)
    {
        Grid = grid;
        Period = period;
        Budget = budget;
        TileRows = tileRows;
        TileColumns = tileColumns;
        Chunks = chunks;
    }

    public RegularLatLonGrid Grid { get; }

    public DatePeriod Period { get; }

    public MemoryBudget Budget { get; }

    public int TileRows { get; }

    public int TileColumns { get; }

    /// <summary>Tiles per row of tiles.</summary>
    public int TilesAcross => (Grid.Columns + TileColumns - 1) / TileColumns;

    /// <summary>The chunks (tiles with land), in id order.</summary>
    public IReadOnlyList<Chunk> Chunks { get; }

    /// <summary>The chunk with this id; throws naming the known range when there is none (an ocean tile or out of range).</summary>
    public Chunk Find(int id) =>
        Chunks.FirstOrDefault(c => c.Id == id)
        ?? throw new ArgumentException($"no chunk {id} in this plan ({Chunks.Count} chunks with land, ids {Chunks.FirstOrDefault()?.Id}..{Chunks.LastOrDefault()?.Id})");

    /// <summary>The chunks whose tile overlaps the box (touching an edge only does not count).</summary>
    public IReadOnlyList<Chunk> ChunksTouching(BoundingBox box)
    {
        // Rows and columns of cells the box overlaps, clamped to the grid.
        var row0 = (int)Math.Floor((Grid.North - box.North) / Grid.LatitudeResolution + 1e-9);
        var row1 = (int)Math.Ceiling((Grid.North - box.South) / Grid.LatitudeResolution - 1e-9) - 1;
        var col0 = (int)Math.Floor((box.West - Grid.West) / Grid.LongitudeResolution + 1e-9);
        var col1 = (int)Math.Ceiling((box.East - Grid.West) / Grid.LongitudeResolution - 1e-9) - 1;
        row0 = Math.Max(row0, 0);
        col0 = Math.Max(col0, 0);
        row1 = Math.Min(row1, Grid.Rows - 1);
        col1 = Math.Min(col1, Grid.Columns - 1);
        if (row1 < row0 || col1 < col0)
            return [];
        return Chunks.Where(c => c.Row0 <= row1 && c.Row0 + c.Rows - 1 >= row0 && c.Column0 <= col1 && c.Column0 + c.Columns - 1 >= col0).ToArray();
    }
}
