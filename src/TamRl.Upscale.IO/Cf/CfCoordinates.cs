using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.IO.Cf;

/// <summary>The time, latitude and longitude axes found for one data variable (null where absent).</summary>
public sealed record CfCoordinates(
    string FilePath,
    string DataVariable,
    IReadOnlyList<string> DimensionNames,
    CfAxisCoordinate? Time,
    CfAxisCoordinate? Latitude,
    CfAxisCoordinate? Longitude)
{
    public CfAxisCoordinate? Get(CfAxisKind kind) => kind switch
    {
        CfAxisKind.Time => Time,
        CfAxisKind.Latitude => Latitude,
        CfAxisKind.Longitude => Longitude,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// Throws <see cref="InvalidInputException"/> unless latitude and longitude are the last two
    /// dimensions, in that order: the layout <see cref="CfGridMapping.ToCanonical(ReadOnlySpan{double})"/> reorders.
    /// </summary>
    public void RequireLatitudeLongitudeLast()
    {
        var rank = DimensionNames.Count;
        if (Latitude is null || Longitude is null || Latitude.DimensionIndex != rank - 2 || Longitude.DimensionIndex != rank - 1)
            throw new InvalidInputException(FilePath, DataVariable,
                $"expected latitude and longitude as the last two dimensions, in that order, but the dimensions are ({string.Join(", ", DimensionNames)})");
    }
}
