namespace TamRl.Upscale.IO.Cf;

/// <summary>
/// The encoding side of <see cref="CfTimeCoder"/> for the daily axes this project writes: whole days counted
/// from 1970-01-01 in the standard calendar. One definition of the epoch and its units for every writer; what
/// they write decodes through <see cref="CfTimeCoder"/> like any other file's time.
/// </summary>
public static class CfTimeEncoder
{
    public static readonly DateOnly Epoch = new(1970, 1, 1);

    /// <summary>The units of the daily axes between stages (chunk files, driver cube, training dataset).</summary>
    public const string DaysSinceEpoch = "days since 1970-01-01";

    /// <summary>The same units with the reference's time of day, as the published products state them.</summary>
    public const string DaysSinceEpochMidnight = "days since 1970-01-01 00:00:00";

    /// <summary>The calendar of every axis this encoder writes.</summary>
    public const string Calendar = "standard";

    /// <summary>The day's value: days since <see cref="Epoch"/> at its start (00:00).</summary>
    public static double Days(DateOnly day) => day.DayNumber - Epoch.DayNumber;

    /// <summary>The value of each of <paramref name="count"/> consecutive days from <paramref name="first"/>.</summary>
    public static double[] Days(DateOnly first, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
            values[i] = first.DayNumber + i - Epoch.DayNumber;
        return values;
    }

    /// <summary>The midpoint of two day starts (an interval's time coordinate with <paramref name="start"/> and <paramref name="end"/> its bounds).</summary>
    public static double Middle(DateOnly start, DateOnly end) => (start.DayNumber + end.DayNumber) / 2.0 - Epoch.DayNumber;
}
