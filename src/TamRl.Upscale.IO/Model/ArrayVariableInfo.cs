namespace TamRl.Upscale.IO.Model;

/// <summary>
/// What a backend knows about one n-dimensional variable before any CF decoding: its name, its
/// dimensions in storage order, its shape, the stored element type and its raw attributes.
/// </summary>
public sealed record ArrayVariableInfo(
    string Name,
    IReadOnlyList<string> DimensionNames,
    IReadOnlyList<long> Shape,
    Type StorageType,
    AttributeSet Attributes)
{
    public int Rank => DimensionNames.Count;

    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}
