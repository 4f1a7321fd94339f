namespace TamRl.Upscale.Core.Variables;

/// <summary>One daily driver of the model, as it appears in the driver cube (docs/data-contracts.md §2).</summary>
/// <param name="Name">Variable name in the driver cube and in the model bundle's feature list.</param>
/// <param name="Units">UDUNITS-parsable units the cube stores it in.</param>
/// <param name="LongName">CF long_name.</param>
public sealed record DriverFeature(string Name, string Units, string LongName);

/// <summary>
/// The driver features. A driver cube holds a selection of <see cref="CubeCatalogue"/> (ingest's <c>features</c>,
/// default: all its sources provide; <see cref="All"/> is the sample world's cube and the default model's features),
/// which its files and manifest record. A model is trained on a selection of the <see cref="Catalogue"/> (cube
/// features and those computed from location and date), which its training dataset and bundle record, and inference
/// refuses a cube that lacks one of them, naming it.
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

    /// <summary>
    /// Further MODIS features a cube may hold (ingest's <c>features</c>), one per layer of the MODIS catalogue
    /// (docs/ingest.md): FPAR and LAI (MOD15/MCD15), NBAR bands 1-7 (MCD43A4), albedo (MCD43A3), surface reflectance
    /// bands 1-7 (MOD09A1). Units as the products define them after their scale factors.
    /// </summary>
    public static readonly IReadOnlyList<DriverFeature> ModisFeatures =
    [
        new("fpar", "1", "fraction of absorbed photosynthetically active radiation, interpolated to daily"),
        new("lai", "m2 m-2", "leaf area index, one-sided, interpolated to daily"),
        .. Enumerable.Range(1, 7).Select(b => new DriverFeature($"nbar_b{b}", "1", $"nadir BRDF-adjusted reflectance, MODIS band {b}, interpolated to daily")),
        new("albedo_wsa_shortwave", "1", "white-sky albedo, shortwave, interpolated to daily"),
        new("albedo_bsa_shortwave", "1", "black-sky albedo at local solar noon, shortwave, interpolated to daily"),
        new("albedo_wsa_vis", "1", "white-sky albedo, visible, interpolated to daily"),
        new("albedo_wsa_nir", "1", "white-sky albedo, near infrared, interpolated to daily"),
        .. Enumerable.Range(1, 7).Select(b => new DriverFeature($"refl_b{b:00}", "1", $"surface reflectance, MODIS band {b}, interpolated to daily")),
    ];

    /// <summary>Every feature a driver cube may hold: the sample world's ten and the further MODIS ones.</summary>
    public static readonly IReadOnlyList<DriverFeature> CubeCatalogue = [.. All, .. ModisFeatures];

    /// <summary>A feature a driver cube may hold, by name, or null.</summary>
    public static DriverFeature? FindCubeFeature(string name) => CubeCatalogue.FirstOrDefault(f => f.Name == name);

    /// <summary>
    /// Features computed from a location and a date alone (<see cref="Computed"/>): any tower and any grid cell has them,
    /// so a model trained on tower meteorology may use them beside the measured ones.
    /// </summary>
    public static readonly IReadOnlyList<DriverFeature> ComputedFeatures =
    [
        new("sw_pot", "W m-2", "top-of-atmosphere shortwave radiation, daily mean (FAO-56)"),
        new("day_length", "h", "hours from sunrise to sunset (FAO-56)"),
        new("season_sin", "1", "sine of the day of year over 365.25 days"),
        new("season_cos", "1", "cosine of the day of year over 365.25 days"),
    ];

    /// <summary>Every feature a model may be trained on: those a driver cube may hold and the computed ones. A model's feature list is a selection of these.</summary>
    public static readonly IReadOnlyList<DriverFeature> Catalogue = [.. CubeCatalogue, .. ComputedFeatures];

    /// <summary>A feature of the catalogue by name, or null.</summary>
    public static DriverFeature? Find(string name) => Catalogue.FirstOrDefault(f => f.Name == name);

    /// <summary>Whether a feature is computed from location and date (<see cref="ComputedFeatures"/>).</summary>
    public static bool IsComputed(string name) => ComputedFeatures.Any(f => f.Name == name);

    /// <summary>The value of a computed feature at a latitude and day; an unknown name throws.</summary>
    public static float Computed(string name, double latitude, DateOnly day) => name switch
    {
        "sw_pot" => (float)SolarGeometry.PotentialShortwave(latitude, day),
        "day_length" => (float)SolarGeometry.DayLength(latitude, day),
        "season_sin" => (float)Math.Sin(2 * Math.PI * (day.DayOfYear - 1) / 365.25),
        "season_cos" => (float)Math.Cos(2 * Math.PI * (day.DayOfYear - 1) / 365.25),
        _ => throw new ArgumentException($"'{name}' is not a computed feature; computed: {string.Join(", ", ComputedFeatures.Select(f => f.Name))}", nameof(name)),
    };

    /// <summary>
    /// Checks a model's feature list: every name in the <see cref="Catalogue"/>, none twice, at least one. Returns the
    /// first problem as a sentence, or null when the list is valid.
    /// </summary>
    public static string? Problem(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
            return "the feature list is empty";
        foreach (var n in names)
            if (Find(n) is null)
                return $"unknown feature '{n}'; known: {string.Join(", ", Catalogue.Select(f => f.Name))}";
        var twice = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? null : $"feature '{twice.Key}' is listed twice";
    }

    /// <summary>Index of a feature in <see cref="All"/> (the sample world's cube order); an unknown name throws, naming the known ones.</summary>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < All.Count; i++)
            if (All[i].Name == name)
                return i;
        throw new ArgumentException($"unknown driver feature '{name}'; known: {string.Join(", ", Names)}", nameof(name));
    }
}
