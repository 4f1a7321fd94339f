namespace TamRl.Upscale.Core.Variables;

/// <summary>
/// Daily extraterrestrial (top-of-atmosphere) shortwave radiation and day length from latitude and date,
/// after FAO Irrigation and Drainage Paper 56 (Allen et al. 1998), equations 21-25 and 34. Any grid cell and
/// any tower can compute these, so they are honest drivers for a model applied from towers to the grid.
/// </summary>
public static class SolarGeometry
{
    /// <summary>The solar constant of FAO-56, MJ m-2 min-1.</summary>
    private const double SolarConstant = 0.0820;

    /// <summary>Daily mean top-of-atmosphere shortwave radiation, W m-2 (0 in the polar night).</summary>
    public static double PotentialShortwave(double latitude, DateOnly day)
    {
        var (phi, delta, sunset, distance) = Angles(latitude, day);
        var megajoules = 24 * 60 / Math.PI * SolarConstant * distance *
                         (sunset * Math.Sin(phi) * Math.Sin(delta) + Math.Cos(phi) * Math.Cos(delta) * Math.Sin(sunset));
        return Math.Max(megajoules, 0) * 1e6 / 86400;
    }

    /// <summary>Hours from sunrise to sunset (0 in the polar night, 24 in the polar day).</summary>
    public static double DayLength(double latitude, DateOnly day) => 24 / Math.PI * Angles(latitude, day).Sunset;

    private static (double Phi, double Delta, double Sunset, double Distance) Angles(double latitude, DateOnly day)
    {
        var j = day.DayOfYear;
        var phi = Math.Clamp(latitude, -90, 90) * Math.PI / 180;
        var delta = 0.409 * Math.Sin(2 * Math.PI * j / 365 - 1.39);
        var distance = 1 + 0.033 * Math.Cos(2 * Math.PI * j / 365);
        // Beyond the polar circles the argument leaves [-1, 1]: the sun never sets (pi) or never rises (0).
        var sunset = Math.Acos(Math.Clamp(-Math.Tan(phi) * Math.Tan(delta), -1, 1));
        return (phi, delta, sunset, distance);
    }
}
