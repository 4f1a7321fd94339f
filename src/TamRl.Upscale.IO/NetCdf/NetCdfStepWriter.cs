namespace TamRl.Upscale.IO.NetCdf;

/// <summary>
/// Writes a variable one step at a time (one index of its first dimension: a day of a daily cube),
/// the way a pipeline produces it, while handing netCDF-C whole rows of chunks. Steps are buffered until
/// the chunk row along the first dimension is complete and then written in one call, so HDF5 compresses
/// each chunk once from a full buffer instead of updating sixteen partial chunks per step.
/// <para>
/// Memory: one chunk row, i.e. (chunk length along the first dimension) x (one step) values. For a
/// contiguous or NetCDF-3 variable the row is one step and every step is written at once.
/// Steps may come in any order; a step outside the buffered row writes the buffered steps first.
/// <see cref="Dispose"/> (or <see cref="Flush"/>) writes what is left; until then the file is incomplete.
/// </para>
/// </summary>
public sealed class NetCdfStepWriter<T> : IDisposable where T : unmanaged
{
    private readonly NetCdfFile _file;
    private readonly string _variable;
    private readonly long[] _stepShape;
    private readonly long _stepLength;
    private readonly long _rowSteps;
    private readonly T[] _buffer;
    private long _rowStart = -1;
    private long _firstBuffered = long.MaxValue, _lastBuffered = -1;

    internal NetCdfStepWriter(NetCdfFile file, string variable)
    {
        _file = file;
        _variable = variable;
        var info = file.GetVariable(variable);
        if (info.Rank < 1)
            throw new ArgumentException($"{file.Path}: variable '{variable}' has no dimension to step along.");
        _stepShape = info.Shape.Skip(1).ToArray();
        _stepLength = _stepShape.Aggregate(1L, (a, b) => a * b);
        var storage = file.GetStorage(variable);
        _rowSteps = storage.Chunked ? Math.Max(1, storage.ChunkSizes[0]) : 1;
        _buffer = new T[checked((int)(_rowSteps * _stepLength))];
    }

    /// <summary>Writes one step: <paramref name="values"/> holds the rest of the dimensions, row-major.</summary>
    public void Write(long step, ReadOnlySpan<T> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (values.Length != _stepLength)
            throw new ArgumentException($"{_file.Path}: variable '{_variable}': a step holds {_stepLength} values, {values.Length} given.");
        var rowStart = step - step % _rowSteps;
        if (rowStart != _rowStart)
        {
            Flush();
            _rowStart = rowStart;
        }
        values.CopyTo(_buffer.AsSpan((int)((step - rowStart) * _stepLength)));
        _firstBuffered = Math.Min(_firstBuffered, step);
        _lastBuffered = Math.Max(_lastBuffered, step);
        if (_firstBuffered == rowStart && _lastBuffered == rowStart + _rowSteps - 1)
            Flush();
    }

    /// <summary>Writes the buffered steps (from the first to the last buffered one, as one slab).</summary>
    public void Flush()
    {
        if (_lastBuffered < 0)
            return;
        var offset = (int)((_firstBuffered - _rowStart) * _stepLength);
        var steps = _lastBuffered - _firstBuffered + 1;
        _file.Write<T>(_variable, [_firstBuffered, .. new long[_stepShape.Length]], [steps, .. _stepShape],
            _buffer.AsSpan(offset, (int)(steps * _stepLength)));
        _firstBuffered = long.MaxValue;
        _lastBuffered = -1;
    }

    public void Dispose() => Flush();
}
