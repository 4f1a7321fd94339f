namespace TamRl.Upscale.IO.Cf;

/// <summary>One identified axis of a data variable.</summary>
/// <param name="DimensionIndex">The position of the dimension in the data variable's dimension list.</param>
/// <param name="CoordinateVariable">The 1-D variable holding the coordinate values along the dimension.</param>
/// <param name="IdentifiedBy">The attribute evidence, e.g. "axis = T, units = 'hours since 1900-01-01'", for messages and summaries.</param>
public sealed record CfAxisCoordinate(
    CfAxisKind Kind,
    string DimensionName,
    int DimensionIndex,
    long Length,
    string CoordinateVariable,
    string IdentifiedBy);
