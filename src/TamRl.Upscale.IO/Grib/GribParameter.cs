namespace TamRl.Upscale.IO.Grib;

/// <summary>
/// Names a GRIB message's parameter the way ecCodes' <c>cfVarName</c> (and so cfgrib, and the CDS's own
/// NetCDF converter) does: 2t is <c>t2m</c>, 2d <c>d2m</c>, 10u <c>u10</c>, others their ECMWF short name
/// (<c>ssrd</c>, <c>tp</c>, <c>swvl1</c>). GDAL's GRIB driver gives GRIB1 messages of ECMWF's table 128 an
/// upper-case element (GRIB_ELEMENT=2T); GRIB2 messages either a WMO element (TMP at 2-HTGL for 2 m
/// temperature) or, for ECMWF's local parameters (discipline 192, category 128, number = the table-128
/// code), "unknown" with the numbers in GRIB_PDS_TEMPLATE_ASSEMBLED_VALUES; cdo writes the same local
/// encoding with discipline 255. Units are put in the UDUNITS spelling the ERA5 readers compare.
/// </summary>
public static class GribParameter
{
    /// <summary>ECMWF table-128 codes ERA5 users meet, with cfVarName and units (for GRIB2 local encodings, which carry none).</summary>
    private static readonly Dictionary<int, (string Name, string Units)> Table128 = new()
    {
        [39] = ("swvl1", "m3 m-3"), [40] = ("swvl2", "m3 m-3"), [41] = ("swvl3", "m3 m-3"), [42] = ("swvl4", "m3 m-3"),
        [43] = ("slt", "1"), [129] = ("z", "m2 s-2"), [130] = ("t", "K"), [134] = ("sp", "Pa"), [136] = ("tcw", "kg m-2"),
        [139] = ("stl1", "K"), [165] = ("u10", "m s-1"), [166] = ("v10", "m s-1"), [167] = ("t2m", "K"), [168] = ("d2m", "K"),
        [169] = ("ssrd", "J m-2"), [170] = ("stl2", "K"), [175] = ("strd", "J m-2"), [182] = ("e", "m"), [183] = ("stl3", "K"),
        [228] = ("tp", "m"), [236] = ("stl4", "K"),
    };

    /// <summary>GDAL's GRIB1 elements whose cfVarName is not the element in lower case.</summary>
    private static readonly Dictionary<string, string> Elements = new(StringComparer.OrdinalIgnoreCase)
    {
        ["2T"] = "t2m", ["2D"] = "d2m", ["10U"] = "u10", ["10V"] = "v10", ["ST"] = "stl1", ["DST"] = "stl2", ["CDST"] = "stl3",
    };

    /// <summary>GDAL's unit strings (degrib's, in brackets) as UDUNITS spells them.</summary>
    private static readonly Dictionary<string, string> UnitSpellings = new(StringComparer.Ordinal)
    {
        ["K"] = "K", ["C"] = "degC", ["W*s/m^2"] = "J m-2", ["J/m^2"] = "J m-2", ["J/(m^2)"] = "J m-2", ["m"] = "m",
        ["m^3/m^3"] = "m3 m-3", ["m/s"] = "m s-1", ["Pa"] = "Pa", ["m^2/s^2"] = "m2 s-2", ["kg/m^2"] = "kg m-2",
        ["kg/(m^2)"] = "kg m-2", ["W/m^2"] = "W m-2", ["W/(m^2)"] = "W m-2", ["Proportion"] = "1", ["-"] = "",
    };

    /// <summary>
    /// The cfVarName and units of one message from its band metadata. An ECMWF-local GRIB2 parameter
    /// not in the table is named <c>param{number}.{category}</c> (ecCodes' spelling, e.g. param228.128).
    /// </summary>
    public static (string Name, string Units) Identify(IReadOnlyDictionary<string, string> metadata)
    {
        var element = metadata.GetValueOrDefault("GRIB_ELEMENT", "").Trim();
        var level = metadata.GetValueOrDefault("GRIB_SHORT_NAME", "").Trim();
        var units = Units(metadata.GetValueOrDefault("GRIB_UNIT", ""));
        if (metadata.TryGetValue("GRIB_DISCIPLINE", out var disciplineText) && int.TryParse(disciplineText, out var discipline))
        {
            var numbers = AssembledValues(metadata);
            if (discipline is 192 or 255 && numbers.Length >= 2 && numbers[0] == 128)
                return Table128.TryGetValue((int)numbers[1], out var known) ? known : ($"param{numbers[1]}.{numbers[0]}", units);
            if (discipline == 0 && level == "2-HTGL" && element is "TMP" or "DPT")
                return (element == "TMP" ? "t2m" : "d2m", units);
        }
        if (string.IsNullOrEmpty(element) || element.Equals("unknown", StringComparison.OrdinalIgnoreCase))
            return ("unknown", units);
        return (Elements.TryGetValue(element, out var name) ? name : element.ToLowerInvariant(), units);
    }

    /// <summary>GRIB_UNIT ("[m^3/m^3]") in UDUNITS spelling ("m3 m-3"); an unknown spelling is kept without brackets.</summary>
    public static string Units(string gribUnit)
    {
        var bare = gribUnit.Trim().TrimStart('[').TrimEnd(']').Trim();
        return UnitSpellings.TryGetValue(bare, out var spelled) ? spelled : bare;
    }

    /// <summary>GRIB_PDS_TEMPLATE_ASSEMBLED_VALUES as numbers (GRIB2 only; empty otherwise).</summary>
    public static long[] AssembledValues(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue("GRIB_PDS_TEMPLATE_ASSEMBLED_VALUES", out var text)
            ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => long.TryParse(t, out var v) ? v : long.MinValue).ToArray()
            : [];
}
