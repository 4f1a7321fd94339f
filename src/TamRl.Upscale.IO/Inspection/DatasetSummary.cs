namespace TamRl.Upscale.IO.Inspection;

/// <summary>What <c>tamrl inspect</c> reports about one dataset (serialised as-is by <c>--json</c>).</summary>
public sealed record DatasetSummary(
    string Path,
    string Format,
    IReadOnlyDictionary<string, long> Dimensions,
    IReadOnlyList<TimeSummary> TimeAxes,
    GridSummary? Grid,
    IReadOnlyList<VariableSummary> Variables,
    IReadOnlyList<string> Subdatasets,
    IReadOnlyList<string> Problems);

/// <summary>A time coordinate decoded to calendar dates.</summary>
public sealed record TimeSummary(string Variable, string Units, string Calendar, string First, string Last, string Step, int Steps);

/// <summary>
/// The horizontal grid as stored and as the canonical description (north-to-south rows, -180..180
/// longitudes, corner origin) it normalises to.
/// </summary>
public sealed record GridSummary(
    string? LatitudeVariable,
    string? LongitudeVariable,
    int Rows,
    int Columns,
    double LatitudeResolution,
    double LongitudeResolution,
    string LatitudeOrder,
    string LongitudeConvention,
    double West,
    double East,
    double South,
    double North,
    bool Geographic = true);

/// <summary>
/// One variable (or raster band) with decoded statistics: mask applied, scale/offset unpacked.
/// Statistics are null when nothing valid was read (all missing, or a non-numeric variable).
/// </summary>
public sealed record VariableSummary(
    string Name,
    IReadOnlyList<string> Dimensions,
    IReadOnlyList<long> Shape,
    string StorageType,
    string? Units,
    string? LongName,
    bool Packed,
    long Count,
    long Missing,
    double? Min,
    double? Max,
    double? Mean);
