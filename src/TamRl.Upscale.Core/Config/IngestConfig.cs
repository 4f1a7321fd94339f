using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;

namespace TamRl.Upscale.Core.Config;

/// <summary>
/// The "ingest" section of a pipeline configuration: the target grid, the period, and the ERA5, MODIS
/// and static inputs of <c>tamrl ingest</c> (schemas/pipeline-config.schema.json, docs/ingest.md).
/// </summary>
public sealed record IngestConfig
{
    /// <summary>The target grid of the driver cube.</summary>
    public required TargetGridConfig Grid { get; init; }

    /// <summary>First and last day of the cube; whole months are written.</summary>
    public required PeriodConfig Period { get; init; }

    /// <summary>
    /// The static geography (land_fraction, elevation, igbp, koppen): a geography NetCDF such as the sample world's
    /// static/geography.nc, or <see cref="RealStatic"/> to build it from the real sources under data/real (docs/ingest.md).
    /// </summary>
    public required string Static { get; init; }

    /// <summary>The <see cref="Static"/> keyword for static geography from real sources.</summary>
    public const string RealStatic = "real";

    /// <summary>Whether the static geography is built from real sources rather than read from a file.</summary>
    public bool StaticIsReal => Static == RealStatic;

    /// <summary>
    /// The features the driver cube holds, a selection of the driver-cube catalogue that the input sets provide;
    /// null (the default): every feature the sources provide.
    /// </summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>ERA5 input sets; each may be in its own layout.</summary>
    public IReadOnlyList<Era5InputConfig> Era5 { get; init; } = [];

    /// <summary>MODIS 8-day composite input sets.</summary>
    public IReadOnlyList<ModisInputConfig> Modis { get; init; } = [];

    /// <summary>
    /// This configuration with the period extended to end no earlier than <paramref name="lastDay"/>: a monthly
    /// regeneration or a rerun of a later month adds that month to the cube, keeping the months before it (the
    /// history the model's support set reads); months already in the cube with unchanged inputs are skipped.
    /// </summary>
    public IngestConfig Through(DateOnly lastDay) =>
        lastDay <= Period.End ? this : this with { Period = Period with { End = lastDay } };

    /// <summary>Throws <see cref="InvalidInputException"/> naming the configuration file and the field.</summary>
    public void Validate(string configPath)
    {
        Grid.ToGrid(configPath);
        if (Period.End < Period.Start)
            throw new InvalidInputException(configPath, "ingest.period", $"end {Period.End:yyyy-MM-dd} is before start {Period.Start:yyyy-MM-dd}");
        if (string.IsNullOrWhiteSpace(Static))
            throw new InvalidInputException(configPath, "ingest.static", $"expected the path of the static geography file or \"{RealStatic}\"");
        if (Era5.Count == 0 && Modis.Count == 0)
            throw new InvalidInputException(configPath, "ingest", "expected at least one ERA5 or MODIS input set (ingest.era5, ingest.modis)");
        if (Features is { Count: 0 })
            throw new InvalidInputException(configPath, "ingest.features", "expected at least one feature, or no features field for all the sources provide");
        for (var i = 0; Features is not null && i < Features.Count; i++)
        {
            if (DriverFeatures.FindCubeFeature(Features[i]) is null)
                throw new InvalidInputException(configPath, $"ingest.features[{i}]",
                    $"unknown driver-cube feature '{Features[i]}'; known: {string.Join(", ", DriverFeatures.CubeCatalogue.Select(f => f.Name))}");
            if (Features.Take(i).Contains(Features[i]))
                throw new InvalidInputException(configPath, $"ingest.features[{i}]", $"feature '{Features[i]}' is listed twice");
        }
        for (var i = 0; i < Era5.Count; i++)
            if (Era5[i].Paths.Count == 0)
                throw new InvalidInputException(configPath, $"ingest.era5[{i}].paths", "expected at least one path");
        for (var i = 0; i < Modis.Count; i++)
        {
            if (Modis[i].Paths.Count == 0)
                throw new InvalidInputException(configPath, $"ingest.modis[{i}].paths", "expected at least one path");
            if (!(Modis[i].MinValidFraction >= 0 && Modis[i].MinValidFraction <= 1))
                throw new InvalidInputException(configPath, $"ingest.modis[{i}].minValidFraction", $"expected a fraction in [0, 1], got {Modis[i].MinValidFraction}");
        }
    }
}

/// <summary>A regular latitude-longitude target grid: square cells of <see cref="Resolution"/> degrees over a box.</summary>
public sealed record TargetGridConfig
{
    /// <summary>Cell size in degrees.</summary>
    public required double Resolution { get; init; }

    /// <summary>[west, south, east, north] in degrees; default the globe.</summary>
    public IReadOnlyList<double> Bbox { get; init; } = [-180, -90, 180, 90];

    /// <summary>The grid, or <see cref="InvalidInputException"/> naming the field when the box or resolution do not make one.</summary>
    public RegularLatLonGrid ToGrid(string configPath)
    {
        if (!(Resolution > 0 && Resolution <= 90))
            throw new InvalidInputException(configPath, "ingest.grid.resolution", $"expected a resolution in (0, 90] degrees, got {Resolution}");
        if (Bbox.Count != 4)
            throw new InvalidInputException(configPath, "ingest.grid.bbox", $"expected [west, south, east, north], got {Bbox.Count} numbers");
        double west = Bbox[0], south = Bbox[1], east = Bbox[2], north = Bbox[3];
        try
        {
            _ = new BoundingBox(west, south, east, north, "ingest.grid.bbox");
        }
        catch (InvalidValueException e)
        {
            throw new InvalidInputException(configPath, e.Field, e.Detail, e);
        }
        var rows = (north - south) / Resolution;
        var columns = (east - west) / Resolution;
        if (Math.Abs(rows - Math.Round(rows)) > 1e-6 || Math.Abs(columns - Math.Round(columns)) > 1e-6)
            throw new InvalidInputException(configPath, "ingest.grid.bbox", $"the box is not a whole number of {Resolution}-degree cells ({columns} x {rows})");
        return new RegularLatLonGrid((int)Math.Round(rows), (int)Math.Round(columns), west, north, Resolution, Resolution);
    }
}

/// <summary>First and last day, inclusive (ISO dates).</summary>
public sealed record PeriodConfig
{
    public required DateOnly Start { get; init; }

    public required DateOnly End { get; init; }
}

/// <summary>The layouts of ERA5 that ingest reads (docs/data-contracts.md §1).</summary>
public enum Era5Layout
{
    /// <summary>New CDS NetCDF: valid_time, latitude descending, longitude 0..360, float32 zlib; hourly or daily; a .zip of per-stepType files is opened whole.</summary>
    NewCds,

    /// <summary>Legacy CDS NetCDF: int16 packed per file, "hours since 1900-01-01 00:00:00.0", an optional expver dimension.</summary>
    Legacy,

    /// <summary>ARCO-ERA5-like Zarr: long variable names (2m_temperature...), hourly.</summary>
    Zarr,

    /// <summary>
    /// GRIB1/GRIB2 as the CDS sends ERA5 by default: the variable from each message's parameter (2t is t2m,
    /// 2d d2m, ssrd, tp, swvl1), the time from each message's valid time; hourly accumulations as ERA5's.
    /// </summary>
    Grib,

    /// <summary>
    /// ERA5-Land hourly (new-CDS NetCDF or GRIB): accumulations (ssrd, tp) are running totals since 00 UTC,
    /// de-accumulated to hourly values; the 00 UTC step closes the previous day.
    /// </summary>
    Era5Land,
}

/// <summary>One set of ERA5 inputs in one layout.</summary>
public sealed record Era5InputConfig
{
    public required Era5Layout Layout { get; init; }

    /// <summary>Files (NetCDF, GRIB), .zip archives or Zarr stores; globs allowed in the last segment.</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>
    /// Variable names in these files by ERA5 short name (t2m, d2m, ssrd, tp, swvl1) where they differ from
    /// the layout's defaults (short names for NetCDF, ARCO long names for Zarr).
    /// </summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// One set of MODIS composite files: either a catalogue product as distributed (<see cref="Product"/>: HDF4-EOS
/// tiles or CMG files from LP DAAC, AppEEARS NetCDF), or, without a product, the sample world's CMG-like
/// NetCDF layout read by variable names and a QA mask.
/// </summary>
public sealed record ModisInputConfig
{
    /// <summary>Files; globs allowed in the last segment.</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>
    /// A product of the MODIS catalogue (MOD13A2, MOD11A2, MCD15A2H, ...; docs/ingest.md): its SDS names, QA bit
    /// rules and composite length come from the catalogue, scale and fill from each file. Null for the sample
    /// world's CMG-like NetCDF layout (then <see cref="Variables"/>, <see cref="QaRejectMask"/> and
    /// <see cref="CompositeDays"/> apply).
    /// </summary>
    public string? Product { get; init; }

    /// <summary>
    /// With a product: the least share of a target cell's source pixels that must pass QA for the cell to
    /// take a value (default 0.5); cells below it are gaps, filled in time and then in space like clouds.
    /// </summary>
    public double MinValidFraction { get; init; } = 0.5;

    /// <summary>Variable names by feature (ndvi, evi, lst, qa) where they differ from the defaults (ndvi, evi, lst_day, qa).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// QA bits rejected: a composite pixel is dropped when (qa &amp; QaRejectMask) is non-zero. Default 2
    /// (bit 1 of the two-bit MODIS quality field: 10 = cloudy, 11 = not produced).
    /// </summary>
    public int QaRejectMask { get; init; } = 2;

    /// <summary>Composite length in days (8 for MOD13C1/MOD11C2-like products).</summary>
    public int CompositeDays { get; init; } = 8;
}
