namespace TamRl.Upscale.IO.NetCdf;

/// <summary>
/// One step of a chunked variable (all dimensions after the first) cut into its chunks' boxes, and for each box
/// the runs of consecutive values (along the last dimension) that connect three layouts: the step itself
/// (row-major), a stored chunk (full chunk shape, edge chunks included), and the box alone (cropped to the
/// variable). The step reader gathers a step from stored chunks; the step writer scatters a step into boxes
/// that are then written one chunk per call. Computed once per reader or writer.
/// </summary>
internal sealed class StepChunkBoxes
{
    /// <summary>A run: where it starts in the step, in a stored chunk's step slice, and in the cropped box's step slice.</summary>
    internal readonly record struct Run(int InStep, int InChunk, int InBox);

    internal sealed record Box(long[] Origin, long[] Extent, int Elements, Run[] Runs, int RunLength);

    public StepChunkBoxes(IReadOnlyList<long> stepShape, IReadOnlyList<long> stepChunkShape)
    {
        if (stepShape.Count != stepChunkShape.Count)
            throw new ArgumentException("A step and its chunks have different ranks.");
        var rank = stepShape.Count;
        var grid = Enumerable.Range(0, rank).Select(d => (stepShape[d] + stepChunkShape[d] - 1) / stepChunkShape[d]).ToArray();
        var count = grid.Aggregate(1L, (a, b) => a * b);
        var boxes = new Box[count];
        for (long index = 0; index < count; index++)
        {
            var origin = new long[rank];
            var extent = new long[rank];
            var rest = index;
            for (var d = rank - 1; d >= 0; d--)
            {
                origin[d] = rest % grid[d] * stepChunkShape[d];
                extent[d] = Math.Min(stepChunkShape[d], stepShape[d] - origin[d]);
                rest /= grid[d];
            }
            boxes[index] = MakeBox(stepShape, stepChunkShape, origin, extent);
        }
        Boxes = boxes;
        ChunkStepElements = checked((int)stepChunkShape.Aggregate(1L, (a, b) => a * b));
    }

    /// <summary>The boxes in row-major order of the chunk grid, which is the order of a chunk row in the file's grid.</summary>
    public IReadOnlyList<Box> Boxes { get; }

    /// <summary>Values of one step inside one stored chunk (the full chunk shape after the first dimension).</summary>
    public int ChunkStepElements { get; }

    private static Box MakeBox(IReadOnlyList<long> stepShape, IReadOnlyList<long> chunkShape, long[] origin, long[] extent)
    {
        var rank = stepShape.Count;
        var elements = checked((int)extent.Aggregate(1L, (a, b) => a * b));
        if (rank == 0)
            return new Box(origin, extent, 1, [new Run(0, 0, 0)], 1);
        var runLength = (int)extent[rank - 1];
        var runs = new Run[elements / runLength];
        var inner = new long[rank]; // position inside the box, the last dimension always 0
        for (var r = 0; r < runs.Length; r++)
        {
            long inStep = 0, inChunk = 0, inBox = 0;
            for (var d = 0; d < rank; d++)
            {
                inStep = inStep * stepShape[d] + origin[d] + inner[d];
                inChunk = inChunk * chunkShape[d] + inner[d];
                inBox = inBox * extent[d] + inner[d];
            }
            runs[r] = new Run(checked((int)inStep), checked((int)inChunk), checked((int)inBox));
            for (var d = rank - 2; d >= 0; d--) // odometer over all but the last dimension
            {
                if (++inner[d] < extent[d])
                    break;
                inner[d] = 0;
            }
        }
        return new Box(origin, extent, elements, runs, runLength);
    }
}
