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
        _ => null,
    };

    /// <summary>CF cell_methods: how the daily value summarises the day.</summary>
    public static string CellMethods(DriverFeature feature) => feature.Name switch
    {
        "ta_min" => "area: mean time: minimum",
        "ta_max" => "area: mean time: maximum",
        "precip" => "area: mean time: mean",
        "ndvi" or "evi" or "lst" => "area: mean time: point (interpolated from 8-day composites)",
        _ => "area: mean time: mean",
    };
}
