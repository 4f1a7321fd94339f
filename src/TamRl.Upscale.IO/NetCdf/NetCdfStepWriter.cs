namespace TamRl.Upscale.IO.NetCdf;

/// <summary>
/// Writes a variable one step at a time (one index of its first dimension: a day of a daily cube),
/// the way a pipeline produces it, while HDF5 compresses each chunk once, from complete data, instead of
/// updating sixteen partial chunks per step. Two ways to get that, as in <see cref="NetCdfStepReader{T}"/>:
/// <list type="bullet">
/// <item>When the variable's chunk cache holds a whole row of chunks along the first dimension (NetCdfFile
///   sizes it so, up to 1 GiB), each step goes straight to netCDF-C: the row's chunks fill in HDF5's cache
///   and are compressed when the next row pushes them out or the file closes. No buffer of our own.</item>
/// <item>Otherwise steps are buffered until the chunk row is complete and then written in one call.
///   Memory: one chunk row, i.e. (chunk length along the first dimension) x (one step) values.</item>
/// </list>
/// A contiguous or NetCDF-3 variable has rows of one step: every step is written at once.
/// Steps may come in any order; a step outside the buffered row writes the buffered steps first.
/// <see cref="Dispose"/> (or <see cref="Flush"/>) writes what is left; until then the file is incomplete.
/// </summary>
public sealed class NetCdfStepWriter<T> : IDisposable where T : unmanaged
{
    private readonly NetCdfFile _file;
    private readonly string _variable;
    private readonly long[] _stepShape;
    private readonly long _stepLength;
    private readonly long _chunkRowSteps;
    private long _rowSteps;
    private T[] _buffer = [];
    private bool[] _present = [];
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
        _chunkRowSteps = storage.Chunked ? Math.Max(1, storage.ChunkSizes[0]) : 1;
    }

    /// <summary>
    /// Decided on the first step (until then <c>_rowSteps</c> is 0), not at construction: the cache is sized when data is first accessed,
    /// which ends the file's define mode, and a writer may be made before the last variable is defined.
    /// </summary>
    private void DecideBuffering()
    {
        _rowSteps = _chunkRowSteps == 1 || _file.ChunkCacheHoldsRow(_variable) ? 1 : _chunkRowSteps;
        if (_rowSteps > 1)
        {
            _buffer = new T[checked((int)(_rowSteps * _stepLength))];
            _present = new bool[_rowSteps];
        }
    }

    /// <summary>Steps per write to netCDF-C once the first step is written: 1 (straight through), or a chunk row.</summary>
    internal long RowSteps => _rowSteps;

    /// <summary>Writes one step: <paramref name="values"/> holds the rest of the dimensions, row-major.</summary>
    public void Write(long step, ReadOnlySpan<T> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (values.Length != _stepLength)
            throw new ArgumentException($"{_file.Path}: variable '{_variable}': a step holds {_stepLength} values, {values.Length} given.");
        if (_rowSteps == 0)
            DecideBuffering();
        if (_rowSteps == 1)
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
