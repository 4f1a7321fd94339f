namespace TamRl.Upscale.IO.NetCdf;

/// <summary>
/// Writes a variable one step at a time (one index of its first dimension: a day of a daily cube),
/// the way a pipeline produces it, while HDF5 compresses each chunk once, from complete data, instead of
/// updating sixteen partial chunks per step.
/// <list type="bullet">
/// <item>A variable chunked along the first dimension: steps are scattered into a row of chunk-shaped boxes of
///   our own (<see cref="StepChunkBoxes"/>) and, once the row is complete, each box is written in one call that
///   covers exactly its chunk, with the variable's chunk cache at 0 bytes. HDF5 then writes a plain chunk
///   straight from our block and compresses a filtered one once, without a row of chunks in its cache: a day at
///   a time through the cache cost three times the CPU and most of the copy's page faults (bench/RESULTS.md,
///   "IO, session 12" and "IO, session 14"). Memory: one chunk row, as the cache would have held.</item>
/// <item>A contiguous or NetCDF-3 variable, or chunks one step long: every step is written at once.</item>
/// </list>
/// Steps may come in any order; a step outside the buffered row writes the buffered steps first, each run of
/// consecutive steps as one call per chunk (HDF5 merges a partial chunk with what is stored).
/// <see cref="Flush"/> writes what is buffered; <see cref="Dispose"/> flushes and frees the block. Until then the
/// file is incomplete.
/// </summary>
public sealed class NetCdfStepWriter<T> : IDisposable where T : unmanaged
{
    private readonly NetCdfFile _file;
    private readonly string _variable;
    private readonly long[] _stepShape;
    private readonly long _stepLength;
    private readonly long _rowSteps;
    private readonly long _steps;
    private readonly StepChunkBoxes? _boxes;
    private readonly long[] _slotStarts = [];
    private NativeBlock<T>? _block;
    private bool[] _present = [];
    private long _rowStart = -1;
    private int _presentCount;
    private bool _cacheEmptied;

    internal NetCdfStepWriter(NetCdfFile file, string variable)
    {
        _file = file;
        _variable = variable;
        var info = file.GetVariable(variable);
        if (info.Rank < 1)
            throw new ArgumentException($"{file.Path}: variable '{variable}' has no dimension to step along.");
        _stepShape = info.Shape.Skip(1).ToArray();
        _stepLength = _stepShape.Aggregate(1L, (a, b) => a * b);
        // A step past a fixed first dimension is refused when written, not later when its row is flushed.
        _steps = file.UnlimitedDimensions.Contains(info.DimensionNames[0]) ? long.MaxValue : info.Shape[0];
        var storage = file.GetStorage(variable);
        _rowSteps = storage.Chunked ? Math.Max(1, storage.ChunkSizes[0]) : 1;
        if (_rowSteps > 1)
        {
            _boxes = new StepChunkBoxes(_stepShape, storage.ChunkSizes.Skip(1).ToArray());
            _slotStarts = new long[_boxes.Boxes.Count];
            for (var k = 1; k < _slotStarts.Length; k++)
                _slotStarts[k] = _slotStarts[k - 1] + _rowSteps * _boxes.Boxes[k - 1].Elements;
            _present = new bool[_rowSteps];
        }
    }

    /// <summary>Steps per row the writer collects before writing: 1 (straight through), or the chunks' length.</summary>
    internal long RowSteps => _rowSteps;

    /// <summary>Writes one step: <paramref name="values"/> holds the rest of the dimensions, row-major.</summary>
    public void Write(long step, ReadOnlySpan<T> values)
    {
        if (step < 0 || step >= _steps)
            throw new ArgumentOutOfRangeException(nameof(step), $"{_file.Path}: variable '{_variable}' has {_steps} steps; step {step} given.");
        if (values.Length != _stepLength)
            throw new ArgumentException($"{_file.Path}: variable '{_variable}': a step holds {_stepLength} values, {values.Length} given.");
        if (_boxes == null)
        {
            _file.Write<T>(_variable, [step, .. new long[_stepShape.Length]], [1, .. _stepShape], values);
            return;
        }
        var rowStart = step - step % _rowSteps;
        if (rowStart != _rowStart)
        {
            Flush();
            _rowStart = rowStart;
        }
        var slot = (int)(step - rowStart);
        Scatter(slot, values);
        if (!_present[slot])
        {
            _present[slot] = true;
            _presentCount++;
        }
        if (_presentCount == _rowSteps)
            Flush();
    }

    private void Scatter(int stepInRow, ReadOnlySpan<T> values)
    {
        _block ??= new NativeBlock<T>(_rowSteps * _stepLength);
        for (var k = 0; k < _boxes!.Boxes.Count; k++)
        {
            var box = _boxes.Boxes[k];
            var target = _block.Slice(_slotStarts[k] + stepInRow * box.Elements, box.Elements);
            foreach (var run in box.Runs)
                values.Slice(run.InStep, box.RunLength).CopyTo(target.Slice(run.InBox, box.RunLength));
        }
    }

    /// <summary>Writes the buffered steps: each run of consecutive buffered steps as one call per chunk, never a slot not written.</summary>
    public void Flush()
    {
        if (_boxes == null || _presentCount == 0)
            return;
        if (!_cacheEmptied)
        {
            // Set when the first row is written, not at construction: a writer may be made while the file is still
            // being defined. With no cache, HDF5 writes each whole chunk at once (see the class summary).
            _file.SetChunkCache(_variable, 0, 1);
            _cacheEmptied = true;
        }
        for (var first = 0; first < _rowSteps && _presentCount > 0; first++)
        {
            if (!_present[first])
                continue;
            var last = first;
            while (last + 1 < _rowSteps && _present[last + 1])
                last++;
            var steps = last - first + 1;
            for (var k = 0; k < _boxes.Boxes.Count; k++)
            {
                var box = _boxes.Boxes[k];
                _file.Write<T>(_variable, [_rowStart + first, .. box.Origin], [steps, .. box.Extent],
                    _block!.Slice(_slotStarts[k] + first * box.Elements, steps * box.Elements));
            }
            for (var i = first; i <= last; i++)
                _present[i] = false;
            _presentCount -= steps;
            first = last;
        }
    }

    public void Dispose()
    {
        try
        {
            Flush();
        }
        finally
        {
            _block?.Dispose();
            _block = null;
        }
    }
}
