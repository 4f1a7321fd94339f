namespace TamRl.Upscale.IO.Grib;

/// <summary>
/// One GRIB message as GDAL's GRIB driver shows it: band <see cref="Band"/> (1-based, file order), its
/// parameter (cfVarName, <see cref="GribParameter"/>), level (GRIB_SHORT_NAME, e.g. 0-SFC, 2-HTGL,
/// 0-7-DBLY, 500-ISBL), valid time (GRIB_VALID_TIME: reference time plus step), step in seconds
/// (GRIB_FORECAST_SECONDS), the ensemble member (GRIB2 templates 4.1, 4.11; GRIB1 from ECMWF's local
/// section, <see cref="Grib1Headers"/>), and for an
/// accumulation the length of its window in hours (ending at the valid time).
/// </summary>
public sealed record GribMessage(
    int Band,
    string Parameter,
    string Level,
    string Units,
    string Comment,
    DateTime ValidTime,
    long ForecastSeconds,
    int? EnsembleMember,
    double? AccumulationHours)
{
    /// <summary>Whether the message is on a pressure level (ERA5 pressure-level data, which ingest does not read).</summary>
    public bool IsPressureLevel => Level.EndsWith("-ISBL", StringComparison.Ordinal);
}
