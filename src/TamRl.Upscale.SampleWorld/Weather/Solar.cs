namespace TamRl.Upscale.SampleWorld.Weather;

/// <summary>Top-of-atmosphere radiation (FAO-56, Allen et al. 1998, eqs. 21-25) and the sun's elevation.</summary>
internal static class Solar
{
    private const double SolarConstant = 0.0820; // MJ m-2 min-1

    public static double Declination(int dayOfYear) => 0.409 * Math.Sin(2 * Math.PI / 365 * dayOfYear - 1.39);

    /// <summary>Daily extraterrestrial radiation (MJ m-2 d-1).</summary>
    public static double DailyTopOfAtmosphere(double latitudeDeg, int dayOfYear)
    {
        var phi = latitudeDeg * Math.PI / 180;
        var dr = 1 + 0.033 * Math.Cos(2 * Math.PI / 365 * dayOfYear);
        var delta = Declination(dayOfYear);
        var ws = Math.Acos(Math.Clamp(-Math.Tan(phi) * Math.Tan(delta), -1, 1));
        return 24 * 60 / Math.PI * SolarConstant * dr
               * (ws * Math.Sin(phi) * Math.Sin(delta) + Math.Cos(phi) * Math.Cos(delta) * Math.Sin(ws));
    }

    /// <summary>Cosine of the solar zenith angle at a UTC hour (fractional), clipped at 0.</summary>
    public static double CosZenith(double latitudeDeg, double longitudeDeg, int dayOfYear, double utcHour)
    {
        var phi = latitudeDeg * Math.PI / 180;
        var delta = Declination(dayOfYear);
        var solarHour = utcHour + longitudeDeg / 15;
        var h = (solarHour - 12) * Math.PI / 12;
        return Math.Max(0, Math.Sin(phi) * Math.Sin(delta) + Math.Cos(phi) * Math.Cos(delta) * Math.Cos(h));
    }

    /// <summary>Saturation vapour pressure over water (hPa) at temperature in degC (Tetens).</summary>
    public static double SaturationVapourPressure(double tempC) => 6.1078 * Math.Exp(17.27 * tempC / (tempC + 237.3));

    /// <summary>Dew point (degC) for a vapour pressure (hPa), inverse of Tetens.</summary>
    public static double DewPoint(double vapourHpa)
    {
        var a = Math.Log(vapourHpa / 6.1078);
        return 237.3 * a / (17.27 - a);
    }
}
