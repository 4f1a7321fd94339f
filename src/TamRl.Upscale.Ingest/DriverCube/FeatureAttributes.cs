using TamRl.Upscale.Core.Variables;

namespace TamRl.Upscale.Ingest.DriverCube;

/// <summary>CF attributes of each driver feature beyond its units and long_name (Core's DriverFeatures).</summary>
internal static class FeatureAttributes
{
    /// <summary>CF standard_name, where one exists for the quantity.</summary>
    public static string? StandardName(DriverFeature feature) => feature.Name switch
    {
        "ta" or "ta_min" or "ta_max" => "air_temperature",
        "vpd" => "water_vapor_saturation_deficit_in_air",
        "sw_in" => "surface_downwelling_shortwave_flux_in_air",
        "precip" => "lwe_precipitation_rate",
        "swc" => "volume_fraction_of_condensed_water_in_soil",
        "ndvi" => "normalized_difference_vegetation_index",
        "lst" => "surface_temperature",
        "lai" => "leaf_area_index",
        "fpar" => "fraction_of_surface_downwelling_photosynthetic_radiative_flux_absorbed_by_vegetation",
        "albedo_wsa_shortwave" or "albedo_bsa_shortwave" or "albedo_wsa_vis" or "albedo_wsa_nir" => "surface_albedo",
        _ => null,
    };

    /// <summary>CF cell_methods: how the daily value summarises the day.</summary>
    public static string CellMethods(DriverFeature feature) => feature.Name switch
    {
        "ta_min" => "area: mean time: minimum",
        "ta_max" => "area: mean time: maximum",
        "precip" => "area: mean time: mean",
        // MODIS features: daily values interpolated between the centres of multi-day composites (8 or 16 days).
        _ when Array.Exists(["ndvi", "evi", "lst"], n => n == feature.Name) || DriverFeatures.ModisFeatures.Contains(feature)
            => "area: mean time: point (interpolated from multi-day composites)",
        _ => "area: mean time: mean",
    };
}
