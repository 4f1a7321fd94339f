namespace TamRl.Upscale.Ingest.Modis;

/// <summary>
/// Composites to daily values for one cell: the composites' good values are placed at their windows'
/// centres; a day between two of them gets the linear interpolation at the day's centre; a day before the
/// first or after the last good value gets that value (no extrapolation of the trend). A cell with no good
/// value in the whole window stays NaN (the ingest then takes the nearest land cell's value, see
/// <see cref="Regridding.LandGapFiller"/>). Clouds are gaps like any other: a cloudy composite is simply
/// not a point of the interpolation.
/// </summary>
public static class DailyInterpolation
{
    /// <param name="centres">Composite centres, increasing (days since 0001-01-01).</param>
    /// <param name="values">Composite values (NaN = no good value).</param>
    /// <param name="firstDay">Day number of the first output day.</param>
    /// <param name="output">One value per day from <paramref name="firstDay"/>.</param>
    public static void Interpolate(ReadOnlySpan<double> centres, ReadOnlySpan<float> values, int firstDay, Span<float> output)
    {
        var before = -1; // last good composite with centre <= the day's centre
        var k = 0;
        for (var d = 0; d < output.Length; d++)
        {
            var t = firstDay + d + 0.5;
            while (k < centres.Length && centres[k] <= t)
            {
                if (!float.IsNaN(values[k]))
                    before = k;
                k++;
            }
            var after = -1;
            for (var j = k; j < centres.Length; j++)
                if (!float.IsNaN(values[j]))
                {
                    after = j;
                    break;
                }
            if (before >= 0 && after >= 0)
            {
                var f = (t - centres[before]) / (centres[after] - centres[before]);
                output[d] = (float)(values[before] + f * (values[after] - values[before]));
            }
            else if (before >= 0)
                output[d] = values[before];
            else if (after >= 0)
                output[d] = values[after];
            else
                output[d] = float.NaN;
        }
    }
}
