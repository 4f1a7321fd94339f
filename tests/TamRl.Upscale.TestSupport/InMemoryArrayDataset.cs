using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.TestSupport;

/// <summary>
/// An <see cref="IArrayDataset"/> held in memory, built variable by variable, so that CF coders can be
/// tested without a file or a native library. Values are returned raw, exactly as given, like a backend
/// returns stored numbers; hyperslab reads are row-major like netCDF's.
/// </summary>
public sealed class InMemoryArrayDataset : IArrayDataset
{
    private readonly Dictionary<string, long> _dimensions = new(StringComparer.Ordinal);
    private readonly List<ArrayVariableInfo> _variables = [];
    private readonly Dictionary<string, double[]> _values = new(StringComparer.Ordinal);

    public InMemoryArrayDataset(string path = "/memory/test.nc", AttributeSet? globalAttributes = null)
    {
        Path = path;
        GlobalAttributes = globalAttributes ?? AttributeSet.Empty;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, long> Dimensions => _dimensions;

    public IReadOnlyList<ArrayVariableInfo> Variables => _variables;

    public AttributeSet GlobalAttributes { get; }

    public int ReadCount { get; private set; }

    public InMemoryArrayDataset AddDimension(string name, long length)
    {
        _dimensions.Add(name, length);
        return this;
    }

    /// <summary>
    /// Adds a variable over existing dimensions. <paramref name="storageType"/> is the type the "file"
    /// claims to store (default double); the values are what a backend would return as doubles.
    /// </summary>
    public InMemoryArrayDataset AddVariable(string name, string[] dimensions, double[] values,
        Type? storageType = null, params (string Name, AttributeValue Value)[] attributes)
    {
        var shape = dimensions.Select(d => _dimensions.TryGetValue(d, out var n) ? n : throw new ArgumentException($"Unknown dimension '{d}'.")).ToArray();
        var expected = shape.Aggregate(1L, (a, b) => a * b);
        if (values.Length != expected)
            throw new ArgumentException($"Variable '{name}' needs {expected} values, got {values.Length}.");
        var attributeSet = new AttributeSet(attributes.Select(a => new KeyValuePair<string, AttributeValue>(a.Name, a.Value)));
        _variables.Add(new ArrayVariableInfo(name, dimensions, shape, storageType ?? typeof(double), attributeSet));
        _values.Add(name, values);
        return this;
    }

    /// <summary>Adds a 1-D coordinate variable and its dimension of the same name.</summary>
    public InMemoryArrayDataset AddCoordinate(string name, double[] values, params (string Name, AttributeValue Value)[] attributes) =>
        AddDimension(name, values.Length).AddVariable(name, [name], values, typeof(double), attributes);

    public ArrayVariableInfo GetVariable(string name) =>
        _variables.FirstOrDefault(v => v.Name == name) ?? throw new InvalidInputException(Path, name, "no such variable");

    public double[] ReadDoubles(string variable)
    {
        GetVariable(variable);
        ReadCount++;
        return (double[])_values[variable].Clone();
    }

    public double[] ReadDoubles(string variable, long[] start, long[] count)
    {
        var info = GetVariable(variable);
        if (start.Length != info.Rank || count.Length != info.Rank)
            throw new ArgumentException("start and count need one entry per dimension");
        for (var d = 0; d < info.Rank; d++)
            if (start[d] < 0 || count[d] < 0 || start[d] + count[d] > info.Shape[d])
                throw new ArgumentOutOfRangeException(nameof(start), $"hyperslab leaves dimension {info.DimensionNames[d]}");
        ReadCount++;
        var all = _values[variable];
        var result = new double[count.Aggregate(1L, (a, b) => a * b)];
        var index = new long[info.Rank];
        for (long i = 0; i < result.Length; i++)
        {
            // Decompose i into hyperslab indices (row-major), then compose the source offset.
            var rest = i;
            for (var d = info.Rank - 1; d >= 0; d--)
            {
                index[d] = rest % count[d];
                rest /= count[d];
            }
            long offset = 0;
            for (var d = 0; d < info.Rank; d++)
                offset = offset * info.Shape[d] + start[d] + index[d];
            result[i] = all[offset];
        }
        return result;
    }

    public void Dispose() { }
}
