namespace TamRl.Upscale.IO.NetCdf;

/// <summary>
/// Reads a variable one step at a time (one index of its first dimension) while asking netCDF-C for
/// whole rows of chunks: each chunk is decompressed once per row instead of once per step. The returned
/// span is valid until the next <see cref="Read"/>. Memory: one chunk row of values.
/// </summary>
public sealed class NetCdfStepReader<T> where T : unmanaged
{
    private readonly NetCdfFile _file;
    private readonly string _variable;
    private readonly long[] _stepShape;
    private readonly long _stepLength;
    private readonly long _steps;
    private readonly long _rowSteps;
    private readonly T[] _buffer;
    private long _rowStart = -1;

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
        var storage = file.GetStorage(variable);
        _rowSteps = storage.Chunked ? Math.Max(1, storage.ChunkSizes[0]) : 1;
        _buffer = new T[checked((int)(Math.Min(_rowSteps, Math.Max(1, _steps)) * _stepLength))];
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
            _file.Read<T>(_variable, [rowStart, .. new long[_stepShape.Length]], [rows, .. _stepShape],
                _buffer.AsSpan(0, (int)(rows * _stepLength)));
            _rowStart = rowStart;
        }
        return _buffer.AsSpan((int)((step - rowStart) * _stepLength), (int)_stepLength);
    }
}
