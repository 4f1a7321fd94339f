namespace TamRl.Upscale.IO.NetCdf;

/// <summary>
/// Reads a variable one step at a time (one index of its first dimension). Each chunk must be decompressed
/// once, not once per step, and there are three ways to get that (<see cref="Path"/>):
/// <list type="bullet">
/// <item><see cref="StepReadPath.ChunkBlock"/>, when the variable's chunks span several steps and a block of that many
///   whole steps fits <c>blockBudgetBytes</c> (256 MiB unless given): the first step of a block reads the block's
///   chunks one per netCDF-C call, each call's hyperslab exactly one chunk, into a buffer of one chunk, and copies them
///   into a block of whole steps, from which the block's steps are served. The variable's chunk cache is emptied
///   (<see cref="NetCdfFile.SetChunkCache"/> 0 bytes, for this file): HDF5 decompresses each chunk into a passing
///   buffer, the way nccopy copies, instead of keeping a row of chunks (16 x 4.7 MB for a 0.5 degree daily cube) in
///   its cache until the row's last step. Memory: the block and one chunk.</item>
/// <item><see cref="StepReadPath.Step"/>, for a contiguous (or NetCDF-3) variable, chunks one step long, or a block
///   over the budget whose chunk cache holds a row of chunks (NetCdfFile sizes it so, up to 1 GiB): a step is read
///   on its own, the row's chunks decompressed into HDF5's cache on the row's first step. Memory: one step.</item>
/// <item><see cref="StepReadPath.Row"/>: a block over the budget and a row larger than the cache: a whole row is read
///   in one call into a buffer of our own and the steps are served from it.</item>
/// </list>
/// Every path returns the same values: what netCDF-C returns for the step's hyperslab.
/// The returned span is valid until the next <see cref="Read"/>.
/// </summary>
public sealed class NetCdfStepReader<T> where T : unmanaged
{
    /// <summary>The largest block of whole steps the chunk-block path holds: a 0.5 degree daily cube in chunks 73 days long takes 76 MB.</summary>
    public const long DefaultBlockBudgetBytes = 256L << 20;

    private readonly NetCdfFile _file;
    private readonly string _variable;
    private readonly long[] _stepShape;
    private readonly long _stepLength;
    private readonly long _steps;
    private readonly long _rowSteps;
    private readonly ChunkBlock? _block;
    private readonly T[] _buffer;
    private readonly T[] _chunk = [];
    private long _rowStart = -1;

    internal unsafe NetCdfStepReader(NetCdfFile file, string variable, long blockBudgetBytes = DefaultBlockBudgetBytes)
    {
        _file = file;
        _variable = variable;
        var info = file.GetVariable(variable);
        if (info.Rank < 1)
            throw new ArgumentException($"{file.Path}: variable '{variable}' has no dimension to step along.");
        _steps = info.Shape[0];
        _stepShape = info.Shape.Skip(1).ToArray();
        _stepLength = _stepShape.Aggregate(1L, (a, b) => a * b);
        var storage = file.GetStorage(variable);
        if (storage.Chunked && storage.ChunkSizes[0] > 1 && _steps > 1
            && ChunkBlock.BlockBytes(_stepShape, Math.Min(storage.ChunkSizes[0], _steps), sizeof(T)) <= blockBudgetBytes)
        {
            _block = new ChunkBlock(_stepShape, storage.ChunkSizes);
            _rowSteps = _block.Steps;
            _chunk = new T[_block.ChunkLength];
            file.SetChunkCache(variable, 0, 1, 1f);
            Path = StepReadPath.ChunkBlock;
        }
        else
        {
            _rowSteps = RowStepsToBuffer(file, variable);
            Path = _rowSteps == 1 ? StepReadPath.Step : StepReadPath.Row;
        }
        _buffer = new T[checked((int)(Math.Min(_rowSteps, Math.Max(1, _steps)) * _stepLength))];
    }

    /// <summary>How this reader reads (see the class summary).</summary>
    public StepReadPath Path { get; }

    /// <summary>
    /// Steps per read outside the chunk-block path: 1 when the variable is contiguous or its chunk cache holds a row of
    /// chunks, else the chunks' length along the first dimension.
    /// </summary>
    internal static long RowStepsToBuffer(NetCdfFile file, string variable)
    {
        var storage = file.GetStorage(variable);
        if (!storage.Chunked || file.ChunkCacheHoldsRow(variable))
            return 1;
        return Math.Max(1, storage.ChunkSizes[0]);
    }

    /// <summary>The values of one step (the rest of the dimensions, row-major).</summary>
    public ReadOnlySpan<T> Read(long step)
    {
        if (step < 0 || step >= _steps)
            throw new ArgumentOutOfRangeException(nameof(step), $"{_file.Path}: variable '{_variable}' has {_steps} steps.");
        var rowStart = step - step % _rowSteps;
        if (rowStart != _rowStart)
        {
            var rows = Math.Min(_rowSteps, _steps - rowStart);
            _rowStart = -1; // a failed read leaves no half-filled row behind
            if (_block is null)
                _file.Read<T>(_variable, [rowStart, .. new long[_stepShape.Length]], [rows, .. _stepShape],
                    _buffer.AsSpan(0, (int)(rows * _stepLength)));
            else
                ReadBlock(rowStart, rows);
            _rowStart = rowStart;
        }
        return _buffer.AsSpan((int)((step - rowStart) * _stepLength), (int)_stepLength);
    }

    private void ReadBlock(long rowStart, long rows)
    {
        for (var tile = 0; tile < _block!.Tiles.Count; tile++)
        {
            var (start, count) = _block.Tiles[tile];
            var chunk = _chunk.AsSpan(0, (int)(count.Aggregate(rows, (a, b) => a * b)));
            _file.Read<T>(_variable, [rowStart, .. start], [rows, .. count], chunk);
            _block.Scatter<T>(chunk, tile, rows, _buffer);
        }
    }
}

/// <summary>How a <see cref="NetCdfStepReader{T}"/> reads: see its summary.</summary>
public enum StepReadPath
{
    /// <summary>Each step on its own, through netCDF-C (and HDF5's chunk cache).</summary>
    Step,
    /// <summary>A row of chunks in one call, into a buffer of whole steps.</summary>
    Row,
    /// <summary>A block of whole steps read one chunk per call, the chunk cache empty.</summary>
    ChunkBlock,
}
