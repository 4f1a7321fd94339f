namespace TamRl.Upscale.IO.NetCdf;

/// <summary>
/// Reads a variable one step at a time (one index of its first dimension). Each chunk must be decompressed
/// once, not once per step, and there are two ways to get that:
/// <list type="bullet">
/// <item>When the variable's chunk cache holds a whole row of chunks along the first dimension (NetCdfFile
///   sizes it so, up to 1 GiB), a step is read on its own: HDF5 decompresses the row's chunks into its
///   cache on the row's first step and later steps are copied out of it. The caller's step lands in a
///   buffer of one step, which stays in the CPU's caches; this path is as fast as nccopy's chunk-at-a-time
///   copy, where a row-sized buffer of our own cost a third more (an extra 75 MB written and read back
///   per row of a 0.5 degree daily cube: bench/RESULTS.md, "IO").</item>
/// <item>Otherwise (a row larger than the cache) a whole row is read into a buffer of our own and the
///   steps are served from it: reading a step alone would decompress every chunk of the row again.</item>
/// </list>
/// The returned span is valid until the next <see cref="Read"/>. Memory: one step, or one chunk row.
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
        _rowSteps = RowStepsToBuffer(file, variable);
        _buffer = new T[checked((int)(Math.Min(_rowSteps, Math.Max(1, _steps)) * _stepLength))];
    }

    /// <summary>
    /// How many steps one read fetches: 1 when the variable is contiguous or its chunk cache holds a row of
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
            _file.Read<T>(_variable, [rowStart, .. new long[_stepShape.Length]], [rows, .. _stepShape],
                _buffer.AsSpan(0, (int)(rows * _stepLength)));
            _rowStart = rowStart;
        }
        return _buffer.AsSpan((int)((step - rowStart) * _stepLength), (int)_stepLength);
    }
}
