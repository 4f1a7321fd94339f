namespace TamRl.Upscale.SampleWorld.Weather;

/// <summary>One day of weather on every cell (ERA5 variables in ERA5 units, plus derived ones the ecosystem uses).</summary>
internal sealed class WeatherDay
{
    public WeatherDay(int cells)
    {
        T2m = new float[cells];
        D2m = new float[cells];
        Ssrd = new float[cells];
        Tp = new float[cells];
        Swvl1 = new float[cells];
        TempC = new float[cells];
        VpdHpa = new float[cells];
        CloudFraction = new float[cells];
        DiurnalRange = new float[cells];
        SoilRelative = new float[cells];
        SnowCover = new float[cells];
    }

    public DateOnly Date { get; set; }
    /// <summary>2 m temperature, daily mean (K).</summary>
    public float[] T2m { get; }
    /// <summary>2 m dew point, daily mean (K).</summary>
    public float[] D2m { get; }
    /// <summary>Surface solar radiation downwards, daily sum (J m-2).</summary>
    public float[] Ssrd { get; }
    /// <summary>Total precipitation, daily sum (m).</summary>
    public float[] Tp { get; }
    /// <summary>Volumetric soil water layer 1 (m3 m-3); 0 over the sea.</summary>
    public float[] Swvl1 { get; }
    public float[] TempC { get; }
    public float[] VpdHpa { get; }
    public float[] CloudFraction { get; }
    /// <summary>Diurnal temperature range (K).</summary>
    public float[] DiurnalRange { get; }
    /// <summary>Soil water relative to capacity (0..1).</summary>
    public float[] SoilRelative { get; }
    /// <summary>Snow on the ground (0/1).</summary>
    public float[] SnowCover { get; }
}
