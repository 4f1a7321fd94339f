namespace TamRl.Upscale.IO.NetCdf;

/// <summary>
/// Reads a variable one step at a time (one index of its first dimension). Each chunk must be decompressed
/// once, not once per step. Three ways, the first that applies:
/// <list type="number">
/// <item>Stored chunks, decoded outside HDF5: in a file open read-only whose chunks are plain, shuffled and/or
///   deflated little-endian numbers (what netCDF-C writes), a row of chunks along the first dimension is taken from
///   HDF5 as stored (<see cref="StoredChunks"/>, under the HDF lock, one chunk at a time) and decompressed outside it
///   (<see cref="StoredChunkDecoder"/>), its chunks in parallel on all cores, into a block of our own; the row's steps
///   are then gathered from it. This is what lets a day-by-day read beat nccopy's chunk-at-a-time copy
///   (bench/RESULTS.md, "IO, session 14"). A chunk never written is read through netCDF-C, which returns its fill
///   value.</item>
/// <item>When the variable's chunk cache holds a whole row of chunks (NetCdfFile sizes it so, up to 1 GiB),
///   a step is read on its own through netCDF-C: HDF5 decompresses the row's chunks into its cache on the
///   row's first step and later steps are copied out of it.</item>
/// <item>Otherwise (a row larger than the cache) a whole row is read through netCDF-C into a buffer of our
///   own and the steps are served from it.</item>
/// </list>
/// The returned span is valid until the next <see cref="Read"/>. Memory: a row of chunks (paths 1 and 3) or
/// one step. Dispose frees the row block and closes the variable in HDF5 (path 1).
/// </summary>
public sealed class NetCdfStepReader<T> : IDisposable where T : unmanaged
{
    private readonly NetCdfFile _file;
    private readonly string _variable;
    private readonly long[] _stepShape;
    private readonly long _stepLength;
    private readonly long _steps;
    private readonly long _rowSteps;
    private readonly T[] _buffer;
    private long _rowStart = -1;
    private long _servedStep = -1;

    // Path 1 only.
    private readonly StoredChunks? _stored;
    private readonly StepChunkBoxes? _boxes;
    private readonly NativeBlock<T>? _row;
    private readonly ThreadLocal<StoredChunkDecoder>? _decoders;

    internal NetCdfStepReader(NetCdfFile file, string variable)
    {
        _file = file;
        _variable = variable;
        var info = file.GetVariable(variable);
        if (info.Rank < 1)
            throw new ArgumentException($"{file.Path}: variable '{variable}' has no dimension to step along.");
        _steps = info.Shape[0];
        _stepShape = info.Shape.Skip(1).ToArray();
        _stepLength = _stepShape.Aggregate(1L, (a, b) => a * b);

        _stored = TryStoredChunks(file, variable, out var whyNot);
        WhyNotDirect = whyNot;
        if (_stored != null)
        {
            _boxes = new StepChunkBoxes(_stepShape, _stored.ChunkShape.Skip(1).ToArray());
            _rowSteps = _stored.ChunkShape[0];
            _row = new NativeBlock<T>(_boxes.Boxes.Count * _stored.ChunkElements);
            _decoders = new ThreadLocal<StoredChunkDecoder>(() => new StoredChunkDecoder(_stored));
            _buffer = new T[checked((int)_stepLength)];
            return;
        }
        _rowSteps = RowStepsToBuffer(file, variable);
        _buffer = new T[checked((int)(Math.Min(_rowSteps, Math.Max(1, _steps)) * _stepLength))];
    }

    /// <summary>Empty when stored chunks are read directly (path 1), else why not (e.g. "the file is open for writing").</summary>
    public string WhyNotDirect { get; }

    /// <summary>Whether stored chunks are read directly, outside HDF5.</summary>
    public bool ReadsStoredChunks => _stored != null;

    private static unsafe StoredChunks? TryStoredChunks(NetCdfFile file, string variable, out string whyNot)
    {
        var stored = StoredChunks.TryOpen(file, variable, NcTypes.FromClrType(typeof(T)), sizeof(T), out whyNot);
        if (stored == null)
            return null;
        // The block holds a row of whole stored chunks, indexed by int (slices of a chunk); a larger row (1 G values,
        // 4 GiB of floats) is read through netCDF-C.
        var rowElements = stored.Grid.Skip(1).Aggregate(1L, (a, b) => a * b) * stored.ChunkElements;
        if (rowElements > int.MaxValue / 2 || stored.ChunkElements * sizeof(T) > int.MaxValue / 2)
        {
            stored.Dispose();
            whyNot = $"a row of chunks holds {rowElements} values";
            return null;
        }
        return stored;
    }

    /// <summary>
    /// How many steps one netCDF-C read fetches (paths 2 and 3): 1 when the variable is contiguous or its chunk
    /// cache holds a row of chunks, else the chunks' length along the first dimension.
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
        return _stored != null ? ReadStored(step) : ReadThroughNetCdf(step);
    }

    private ReadOnlySpan<T> ReadThroughNetCdf(long step)
    {
        var rowStart = step - step % _rowSteps;
        if (rowStart != _rowStart)
        {
            var rows = Math.Min(_rowSteps, _steps - rowStart);
            _file.Read<T>(_variable, [rowStart, .. new long[_stepShape.Length]], [rows, .. _stepShape],
                _buffer.AsSpan(0, (int)(rows * _stepLength)));
            _rowStart = rowStart;
        }
        return _buffer.AsSpan((int)((step - rowStart) * _stepLength), (int)_stepLength);
    }

    private ReadOnlySpan<T> ReadStored(long step)
    {
        var rowStart = step - step % _rowSteps;
        if (rowStart != _rowStart)
        {
            _rowStart = -1; // a failed decode leaves no half-filled row behind
            DecodeRow(rowStart / _rowSteps);
            _rowStart = rowStart;
            _servedStep = -1;
        }
        if (step != _servedStep)
        {
            Gather((int)(step - rowStart), _buffer);
            _servedStep = step;
        }
        return _buffer;
    }

    /// <summary>Decodes every chunk of one row of the chunk grid into the block, box k at k chunks in.</summary>
    private void DecodeRow(long row)
    {
        var boxes = _boxes!.Boxes.Count;
        var chunkElements = _stored!.ChunkElements;
        var first = row * boxes;
        var unwritten = new System.Collections.Concurrent.ConcurrentBag<int>();
        try
        {
            Parallel.For(0, boxes, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
            {
                var slot = _row!.Slice(k * chunkElements, (int)chunkElements);
                if (!_decoders!.Value!.TryDecode(first + k, System.Runtime.InteropServices.MemoryMarshal.AsBytes(slot)))
                    unwritten.Add(k);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            // The first chunk's own error (which file, variable and chunk), not the parallel loop's wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        foreach (var k in unwritten)
            ReadUnwrittenChunk(row, k);
    }

    /// <summary>A chunk never written holds the fill value: netCDF-C knows which, so its box is read through it.</summary>
    private void ReadUnwrittenChunk(long row, int k)
    {
        var box = _boxes!.Boxes[k];
        var rowStart = row * _rowSteps;
        var steps = Math.Min(_rowSteps, _steps - rowStart);
        var values = _file.Read<T>(_variable, [rowStart, .. box.Origin], [steps, .. box.Extent]);
        var slot = _row!.Slice(k * _stored!.ChunkElements, (int)_stored.ChunkElements);
        for (var dt = 0; dt < steps; dt++)
            foreach (var run in box.Runs)
                values.AsSpan((int)(dt * box.Elements) + run.InBox, box.RunLength)
                    .CopyTo(slot.Slice(dt * _boxes.ChunkStepElements + run.InChunk, box.RunLength));
    }

    private void Gather(int stepInRow, Span<T> destination)
    {
        var chunkElements = _stored!.ChunkElements;
        var stepOffset = stepInRow * _boxes!.ChunkStepElements;
        for (var k = 0; k < _boxes.Boxes.Count; k++)
        {
            var box = _boxes.Boxes[k];
            var slot = _row!.Slice(k * chunkElements, (int)chunkElements);
            foreach (var run in box.Runs)
                slot.Slice(stepOffset + run.InChunk, box.RunLength).CopyTo(destination.Slice(run.InStep, box.RunLength));
        }
    }

    public void Dispose()
    {
        _row?.Dispose();
        _stored?.Dispose();
        _decoders?.Dispose();
    }
}
