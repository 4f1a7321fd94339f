namespace TamRl.Upscale.Ingest.Era5;

/// <summary>
/// Saturation vapour pressure over water by the Magnus formula with the coefficients of Alduchov and
/// Eskridge (1996, J. Appl. Meteor. 35, 601-609): e_s(T) = 6.1094 exp(17.625 T / (T + 243.04)) hPa, T in
/// degC, within 0.4% of the Goff-Gratch reference between -40 and 50 degC. The actual vapour pressure is
/// e_s at the dew point, so VPD = e_s(T) - e_s(Td), never below zero (a dew point above the temperature,
/// which reanalysis rounding can produce, means saturated air).
/// </summary>
public static class VapourPressure
{
    /// <summary>Saturation vapour pressure in hPa at <paramref name="celsius"/> degC.</summary>
    public static double Saturation(double celsius) => 6.1094 * Math.Exp(17.625 * celsius / (celsius + 243.04));

    /// <summary>Vapour pressure deficit in hPa from air and dew-point temperatures in degC.</summary>
    public static double Deficit(double airCelsius, double dewPointCelsius) =>
        Math.Max(0, Saturation(airCelsius) - Saturation(dewPointCelsius));
}
