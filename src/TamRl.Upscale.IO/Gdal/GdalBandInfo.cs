namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// What GDAL reports about one band (1-based <see cref="Index"/>). <see cref="NoData"/>,
/// <see cref="Scale"/> and <see cref="Offset"/> are null when the file does not set them (GDAL's
/// defaults 1 and 0 are not reported as set). <see cref="Unit"/> and <see cref="Description"/> are empty
/// when absent.
/// </summary>
public sealed record GdalBandInfo(
    int Index,
    GdalDataType DataType,
    double? NoData,
    double? Scale,
    double? Offset,
    string Unit,
    string Description);
