namespace TamRl.Upscale.IO.Cf;

/// <summary>
/// Values of one variable (or one hyperslab of it) after CF decoding, row-major in
/// <see cref="DimensionNames"/> order; missing values are NaN.
/// </summary>
/// <param name="Shape">The shape of <see cref="Values"/> (the hyperslab's count when one was read).</param>
/// <param name="Units">The <c>units</c> attribute, which CF states for the unpacked values; null when absent.</param>
public sealed record CfDecodedVariable(
    string FilePath,
    string Name,
    IReadOnlyList<string> DimensionNames,
    IReadOnlyList<long> Shape,
    double[] Values,
    string? Units);
