namespace TamRl.Upscale.IO.Model;

/// <summary>
/// A read-only view of a multidimensional dataset (a NetCDF file, a Zarr store), independent of the
/// engine that reads it. Values come back raw: no mask, no scale/offset. CF decoding
/// (<c>TamRl.Upscale.IO.Cf</c>) is applied on top, so that each backend and each coder can be tested alone.
/// </summary>
public interface IArrayDataset : IDisposable
{
    /// <summary>The path the dataset was opened from; every error names it.</summary>
    string Path { get; }

    /// <summary>Dimension names and lengths.</summary>
    IReadOnlyDictionary<string, long> Dimensions { get; }

    IReadOnlyList<ArrayVariableInfo> Variables { get; }

    AttributeSet GlobalAttributes { get; }

    /// <summary>The variable by name, or an <see cref="Core.Errors.InvalidInputException"/> naming the file.</summary>
    ArrayVariableInfo GetVariable(string name);

    /// <summary>Reads a hyperslab as doubles (numeric conversion only, no decoding), row-major.</summary>
    double[] ReadDoubles(string variable, long[] start, long[] count);

    /// <summary>Reads the whole variable as doubles (no decoding), row-major.</summary>
    double[] ReadDoubles(string variable);
}
