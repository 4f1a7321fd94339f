using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.SampleWorld.Streaming;

/// <summary>
/// How the world is cut into latitude bands for generation, and how its files are chunked.
/// <list type="bullet">
/// <item>Chunks: every gridded file is chunked in whole grid rows, <see cref="ChunkRows"/> at a time (about
/// <see cref="ChunkCells"/> cells, one time step), a function of the grid alone, so the files' layout does not
/// depend on the band size.</item>
/// <item>Bands: <see cref="BandRows"/> rows of at most the requested number of cells, a whole number of chunks
/// when a band is a chunk or larger, so a band's write of a day covers whole chunks and HDF5 never reads a chunk
/// back to merge it. Generation holds per-cell state for one band only: memory is bounded by the band, not the
/// grid.</item>
/// </list>
/// </summary>
internal sealed class BandPlan
{
    /// <summary>Cells per chunk aimed at (64 KiB of float32): large enough for zlib, no larger than a default band.</summary>
    public const int ChunkCells = 16384;

    /// <summary>
    /// Cells per band by default: about 5 MiB of per-cell state (~330 bytes a cell). The whole 2 degree grid
    /// (16,200 cells) is one band; finer grids are cut into bands of this size, so memory stays flat.
    /// </summary>
    public const int DefaultBandCells = 16384;

    public BandPlan(RegularLatLonGrid grid, int bandCells)
    {
        Grid = grid;
        ChunkRows = Math.Clamp(ChunkCells / grid.Columns, 1, grid.Rows);
        var rows = Math.Clamp(bandCells / grid.Columns, 1, grid.Rows);
        BandRows = rows >= ChunkRows ? rows / ChunkRows * ChunkRows : rows;
        var bands = new List<(int, int)>();
        for (var start = 0; start < grid.Rows; start += BandRows)
            bands.Add((start, Math.Min(BandRows, grid.Rows - start)));
        Bands = bands;
    }

    public RegularLatLonGrid Grid { get; }
    public int ChunkRows { get; }
    public int BandRows { get; }
    public IReadOnlyList<(int RowStart, int Rows)> Bands { get; }

    /// <summary>Chunk shape of a (time, lat, lon) variable: one step, <see cref="ChunkRows"/> rows, all columns.</summary>
    public long[] CubeChunks => [1, ChunkRows, Grid.Columns];

    /// <summary>Chunk shape of a (lat, lon) variable.</summary>
    public long[] MapChunks => [ChunkRows, Grid.Columns];
}
