namespace TamRl.Upscale.Core.Variables;

/// <summary>One daily driver of the model, as it appears in the driver cube (docs/data-contracts.md §2).</summary>
/// <param name="Name">Variable name in the driver cube and in the model bundle's feature list.</param>
/// <param name="Units">UDUNITS-parsable units the cube stores it in.</param>
/// <param name="LongName">CF long_name.</param>
public sealed record DriverFeature(string Name, string Units, string LongName);

/// <summary>
/// The driver features, in the order the model sees them. Ingest writes exactly these, site extraction
/// copies them, a model bundle records them, and inference refuses a cube or bundle that disagrees.
/// </summary>
public static class DriverFeatures
{
    public static readonly IReadOnlyList<DriverFeature> All =
    [
        new("ta", "degC", "air temperature at 2 m, daily mean"),
        new("ta_min", "degC", "air temperature at 2 m, daily minimum"),
        new("ta_max", "degC", "air temperature at 2 m, daily maximum"),
        new("vpd", "hPa", "vapour pressure deficit, daily mean"),
        new("sw_in", "W m-2", "surface downwelling shortwave radiation, daily mean"),
        new("precip", "mm d-1", "total precipitation, daily sum"),
        new("swc", "m3 m-3", "volumetric soil water, top layer, daily mean"),
        new("ndvi", "1", "normalised difference vegetation index, interpolated to daily"),
        new("evi", "1", "enhanced vegetation index, interpolated to daily"),
        new("lst", "degC", "land surface temperature, daytime, interpolated to daily"),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(f => f.Name).ToArray();

    /// <summary>Index of a feature by name; an unknown name throws, naming the known ones.</summary>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < All.Count; i++)
            if (All[i].Name == name)
                return i;
        throw new ArgumentException($"unknown driver feature '{name}'; known: {string.Join(", ", Names)}", nameof(name));
    }
}
