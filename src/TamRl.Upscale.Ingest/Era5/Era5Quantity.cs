namespace TamRl.Upscale.Ingest.Era5;

/// <summary>How ERA5 stamps a quantity in time.</summary>
public enum Era5TimeKind
{
    /// <summary>A value at the validity time (t2m, d2m, swvl1).</summary>
    Instant,

    /// <summary>
    /// Accumulated over the hour ending at the validity time (ssrd, tp in ERA5 hourly data): the step
    /// stamped 00 UTC holds 23:00-24:00 of the previous day. ERA5-Land stores running totals since 00 UTC
    /// instead, which <see cref="RunningTotals"/> turns into these hourly values.
    /// </summary>
    Accumulated,
}

/// <summary>One ERA5 quantity ingest reads: its short name, its ARCO (Zarr) name and the units it accepts.</summary>
/// <param name="ShortName">The new-CDS / legacy NetCDF variable name.</param>
/// <param name="ArcoName">The ARCO-ERA5 Zarr variable name.</param>
/// <param name="Units">Accepted spellings of its units, after <see cref="Era5Units.Normalise"/>.</param>
public sealed record Era5Quantity(string ShortName, string ArcoName, Era5TimeKind Kind, IReadOnlyList<string> Units)
{
    public static readonly Era5Quantity T2m = new("t2m", "2m_temperature", Era5TimeKind.Instant, ["K"]);
    public static readonly Era5Quantity D2m = new("d2m", "2m_dewpoint_temperature", Era5TimeKind.Instant, ["K"]);
    public static readonly Era5Quantity Ssrd = new("ssrd", "surface_solar_radiation_downwards", Era5TimeKind.Accumulated, ["J m-2"]) { RunningTotalSlack = 1e3 };
    public static readonly Era5Quantity Tp = new("tp", "total_precipitation", Era5TimeKind.Accumulated, ["m"]) { RunningTotalSlack = 1e-5 };
    public static readonly Era5Quantity Swvl1 = new("swvl1", "volumetric_soil_water_layer_1", Era5TimeKind.Instant, ["m3 m-3", "1"]);

    /// <summary>
    /// How far (in its units, beside 0.1% of the total) a running total may fall from one hour to the next
    /// and still count as one: packing noise of GRIB/int16 running totals (ERA5-Land's 16-bit GRIB step is
    /// about 5e-6 m for tp and 500 J m-2 for ssrd). A larger fall means the values are not running totals.
    /// </summary>
    public double RunningTotalSlack { get; init; }

    /// <summary>Every quantity the driver features derive from.</summary>
    public static readonly IReadOnlyList<Era5Quantity> All = [T2m, D2m, Ssrd, Tp, Swvl1];
}

/// <summary>ECMWF writes units as "J m**-2", "m**3 m**-3"; UDUNITS and CF as "J m-2", "m3 m-3". Compared in the latter form.</summary>
public static class Era5Units
{
    public static string Normalise(string units) =>
        string.Join(' ', units.Replace("**", "", StringComparison.Ordinal).Replace("^", "", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
