using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.Products.DriverCube;

namespace TamRl.Upscale.Products.Inference;

/// <summary>
/// The drivers of a chunk's land pixels, read one block of the driver cube's spatial chunking (32 x 32 cells)
/// at a time as the batches walk through them, so a chunk holds one block's drivers rather than its whole
/// tile's: a tile's land share grows as the grid gets finer (a 0.5 degree tile of Siberia is all land, no
/// 2 degree tile is), and with it the drivers of a whole tile, or of a band of rows across it; a block's
/// stay at most 32 x 32 pixels whatever the grid and the budget.
/// <para>
/// Pixels must come in <see cref="ReadOrder"/>: block after block (row-major over the grid's blocks), row-major
/// inside a block, so every block of the cube is decompressed once per chunk of inference. Batches take the
/// pixels in that order, <see cref="MemoryBudget.BatchPixels"/> at a time; a batch may straddle two blocks.
/// </para>
/// </summary>
internal sealed class DriverBlocks
{
    /// <summary>Grid rows (and columns) per block: the driver cube's spatial chunk.</summary>
    public const int BlockSide = DriverCubeLayout.SpatialChunk;

    private readonly IDriverCube _cube;
    private readonly IReadOnlyList<(int Row, int Column)> _cells;
    private readonly DatePeriod _period;
    private readonly int _values; // floats per pixel: days x features
    private readonly List<int> _blockStarts = new(); // index into _cells of each block's first pixel, then the end
    private int _block = -1;
    private float[]? _buffer; // the current block's drivers, [pixel, day, feature]

    /// <param name="cells">The chunk's land pixels (grid row, column), in <see cref="ReadOrder"/>.</param>
    public DriverBlocks(IDriverCube cube, IReadOnlyList<(int Row, int Column)> cells, DatePeriod period)
    {
        _cube = cube;
        _cells = cells;
        _period = period;
        _values = period.Days * cube.Features.Count;
        for (var i = 0; i < cells.Count; i++)
            if (i == 0 || BlockOf(cells[i]) != BlockOf(cells[i - 1]))
                _blockStarts.Add(i);
        _blockStarts.Add(cells.Count);
    }

    /// <summary>The cube block (block row, block column) a cell lies in.</summary>
    public static (int Row, int Column) BlockOf((int Row, int Column) cell) => (cell.Row / BlockSide, cell.Column / BlockSide);

    /// <summary>
    /// The order pixels are read and batched in: by cube block (row-major over the grid's blocks), then row-major
    /// inside the block. Fixed by the cells alone, so the same chunk gives the predictor the same batches every run.
    /// </summary>
    public static int ReadOrder((int Row, int Column) a, (int Row, int Column) b)
    {
        var (blockA, blockB) = (BlockOf(a), BlockOf(b));
        var byBlock = blockA.CompareTo(blockB);
        return byBlock != 0 ? byBlock : a.CompareTo(b);
    }

    /// <summary>Blocks read so far (for tests).</summary>
    public int BlocksRead { get; private set; }

    /// <summary>The most pixels one block held (for tests).</summary>
    public int LargestBlock { get; private set; }

    /// <summary>Copies the drivers of pixels <paramref name="first"/>.. (<paramref name="count"/> of them) into <paramref name="destination"/>, [pixel, day, feature]; pixels must be asked for in order.</summary>
    public void CopyTo(int first, int count, Span<float> destination)
    {
        var i = first;
        while (i < first + count)
        {
            while (_block < 0 || i >= _blockStarts[_block + 1])
                Load(_block + 1);
            if (i < _blockStarts[_block])
                throw new InvalidOperationException($"pixel {i} was asked for after its block was released");
            var n = Math.Min(first + count, _blockStarts[_block + 1]) - i;
            _buffer.AsSpan((i - _blockStarts[_block]) * _values, n * _values).CopyTo(destination[((i - first) * _values)..]);
            i += n;
        }
    }

    private void Load(int block)
    {
        _block = block;
        var (start, end) = (_blockStarts[block], _blockStarts[block + 1]);
        var cells = new (int Row, int Column)[end - start];
        for (var i = 0; i < cells.Length; i++)
            cells[i] = _cells[start + i];
        // One buffer, sized to the largest block, for all of them: a block's drivers are MBs, which the GC
        // would otherwise leave behind in the large object heap block after block.
        _buffer ??= new float[(long)LargestBlockPixels() * _values];
        var drivers = _buffer.AsSpan(0, cells.Length * _values);
        _cube.ReadSeries(cells, _period.First, _period.Days, drivers);
        for (var i = 0; i < drivers.Length; i++)
            if (!float.IsFinite(drivers[i]))
            {
                var features = _cube.Features.Count;
                var (row, column) = cells[i / _values];
                throw GapOverLand(_cube.Features[i % features], row, column, _period.DateOf(i / features % _period.Days));
            }
        BlocksRead++;
        LargestBlock = Math.Max(LargestBlock, cells.Length);
    }

    private int LargestBlockPixels()
    {
        var largest = 0;
        for (var b = 0; b + 1 < _blockStarts.Count; b++)
            largest = Math.Max(largest, _blockStarts[b + 1] - _blockStarts[b]);
        return largest;
    }

    private InvalidInputException GapOverLand(string feature, int row, int column, DateOnly date) =>
        new(_cube.Location, feature,
            $"no value over land at row {row}, column {column} (lat {_cube.Grid.LatitudeOfRow(row):F3}, lon {_cube.Grid.LongitudeOfColumn(column):F3}) on {date:yyyy-MM-dd}; the driver cube must be gap-free over land");
}
