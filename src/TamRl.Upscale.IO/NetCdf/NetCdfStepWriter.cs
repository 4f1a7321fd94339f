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
    private readonly bool[] _present;
    private long _rowStart = -1;
    private int _presentCount;

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
        _present = new bool[_rowSteps];
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
        var slot = (int)(step - rowStart);
        values.CopyTo(_buffer.AsSpan((int)(slot * _stepLength)));
        if (!_present[slot])
        {
            _present[slot] = true;
            _presentCount++;
        }
        if (_presentCount == _rowSteps)
            Flush();
    }

    /// <summary>Writes the buffered steps: each run of consecutive buffered steps as one slab, never a slot not written.</summary>
    public void Flush()
    {
        for (var first = 0; first < _rowSteps && _presentCount > 0; first++)
        {
            if (!_present[first])
                continue;
            var last = first;
            while (last + 1 < _rowSteps && _present[last + 1])
                last++;
            var steps = last - first + 1;
            _file.Write<T>(_variable, [_rowStart + first, .. new long[_stepShape.Length]], [steps, .. _stepShape],
                _buffer.AsSpan((int)(first * _stepLength), (int)(steps * _stepLength)));
            for (var i = first; i <= last; i++)
                _present[i] = false;
            _presentCount -= steps;
            first = last;
        }
    }

    public void Dispose() => Flush();
}
