namespace TamRl.Upscale.IO.NetCdf;

/// <summary>
/// A block of steps held by <see cref="NetCdfStepReader{T}"/>: up to a chunk's
/// length along the first dimension, each step whole and row-major, one after the other. The block is moved to and
/// from the file one chunk per netCDF-C call (<see cref="Tiles"/>: a chunk's extent over the other dimensions, clipped
/// to the grid), so that HDF5 moves each chunk once, through a buffer of one chunk, and its chunk cache can stay
/// empty; <see cref="Scatter{T}"/> copies a chunk's values (row-major over the chunk's own extent) into the block.
/// </summary>
internal sealed class ChunkBlock
{
    private readonly long[] _stepShape;
    private readonly long[] _strides;
    private readonly (int Run, int[] Offsets)[] _runs;

    /// <param name="stepShape">The variable's shape without its first dimension.</param>
    /// <param name="chunkSizes">The variable's chunk sizes, first dimension included.</param>
    public ChunkBlock(IReadOnlyList<long> stepShape, IReadOnlyList<long> chunkSizes)
    {
        _stepShape = stepShape.ToArray();
        StepLength = _stepShape.Aggregate(1L, (a, b) => a * b);
        Steps = Math.Max(1, chunkSizes[0]);
        _strides = new long[_stepShape.Length];
        for (long i = _stepShape.Length - 1, stride = 1; i >= 0; stride *= _stepShape[i], i--)
            _strides[i] = stride;

        var tiles = new List<(long[] Start, long[] Count)>();
        var start = new long[_stepShape.Length];
        while (true)
        {
            var count = new long[start.Length];
            for (var d = 0; d < start.Length; d++)
                count[d] = Math.Min(Math.Max(1, chunkSizes[d + 1]), _stepShape[d] - start[d]);
            tiles.Add(((long[])start.Clone(), count));
            // Next tile, last dimension fastest: the order chunks lie in the file as netCDF-C writes them.
            var dim = start.Length - 1;
            for (; dim >= 0; dim--)
            {
                start[dim] += Math.Max(1, chunkSizes[dim + 1]);
                if (start[dim] < _stepShape[dim])
                    break;
                start[dim] = 0;
            }
            if (dim < 0)
                break;
        }
        Tiles = _stepShape.Any(n => n == 0) ? [] : tiles;
        _runs = Tiles.Select(t => Runs(t.Start, t.Count)).ToArray();
        ChunkLength = checked((int)(Steps * Tiles.Select(t => t.Count.Aggregate(1L, (a, b) => a * b)).DefaultIfEmpty(0).Max()));
    }

    /// <summary>Steps in a full block: the chunks' length along the first dimension.</summary>
    public long Steps { get; }

    /// <summary>Values in one step.</summary>
    public long StepLength { get; }

    /// <summary>Values in the largest chunk (the size of the buffer a chunk passes through).</summary>
    public int ChunkLength { get; }

    /// <summary>Each chunk's start and extent over the dimensions after the first, clipped to the grid.</summary>
    public IReadOnlyList<(long[] Start, long[] Count)> Tiles { get; }

    /// <summary>The bytes a block of <paramref name="steps"/> steps of <paramref name="elementSize"/>-byte values takes.</summary>
    public static long BlockBytes(IReadOnlyList<long> stepShape, long steps, int elementSize) =>
        stepShape.Aggregate(steps * elementSize, (a, b) => a * b);

    /// <summary>Copies one chunk's values (steps x tile, row-major) into their places in the block.</summary>
    public void Scatter<T>(ReadOnlySpan<T> chunk, int tile, long steps, Span<T> block)
    {
        var (run, offsets) = _runs[tile];
        var chunkAt = 0;
        for (var t = 0; t < steps; t++)
        {
            var stepAt = checked((int)(t * StepLength));
            foreach (var offset in offsets)
            {
                chunk.Slice(chunkAt, run).CopyTo(block.Slice(stepAt + offset, run));
                chunkAt += run;
            }
        }
    }

    /// <summary>
    /// A tile's runs (rows along the last dimension, contiguous in both layouts): their length, and where each starts
    /// within a step of the block, in the chunk's order (the chunk holds them one after the other).
    /// </summary>
    private (int Run, int[] Offsets) Runs(long[] start, long[] count)
    {
        var rank = start.Length;
        var run = rank == 0 ? 1 : checked((int)count[rank - 1]);
        long runs = 1;
        for (var d = 0; d < rank - 1; d++)
            runs *= count[d];
        var offsets = new int[checked((int)runs)];
        var index = new long[rank];
        for (var r = 0; r < offsets.Length; r++)
        {
            long at = 0;
            for (var d = 0; d < rank; d++)
                at += (start[d] + index[d]) * _strides[d];
            offsets[r] = checked((int)at);
            for (var d = rank - 2; d >= 0; d--)
            {
                if (++index[d] < count[d])
                    break;
                index[d] = 0;
            }
        }
        return (run, offsets);
    }
}
