namespace TamRl.Upscale.SampleWorld.Output;

/// <summary>The ERA5 variables of the world: short names, ARCO long names, units, GRIB step type.</summary>
internal static class Era5Variables
{
    public static readonly (string Short, string Long, string Units, string LongName, string StepType)[] All =
    [
        ("t2m", "2m_temperature", "K", "2 metre temperature", "instant"),
        ("d2m", "2m_dewpoint_temperature", "K", "2 metre dewpoint temperature", "instant"),
        ("ssrd", "surface_solar_radiation_downwards", "J m**-2", "Surface short-wave (solar) radiation downwards", "accum"),
        ("tp", "total_precipitation", "m", "Total precipitation", "accum"),
        ("swvl1", "volumetric_soil_water_layer_1", "m**3 m**-3", "Volumetric soil water layer 1", "instant"),
    ];
}
