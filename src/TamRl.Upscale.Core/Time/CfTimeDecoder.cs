using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Core.Time;

/// <summary>
/// Turns the numbers of one time variable into calendar date-times, from its <c>units</c> and
/// <c>calendar</c> attributes. Knows the file and variable it decodes, so that every refusal (no
/// units, units that do not parse, an unknown calendar, a missing or out-of-range value) is an
/// <see cref="InvalidInputException"/> that names them.
/// </summary>
public sealed class CfTimeDecoder
{
    private CfTimeDecoder(CfTimeUnits units, string filePath, string variable)
    {
        Units = units;
        FilePath = filePath;
        Variable = variable;
    }

    public CfTimeUnits Units { get; }

    public CfCalendar Calendar => Units.Calendar;

    public string FilePath { get; }

    public string Variable { get; }

    /// <param name="units">The <c>units</c> attribute; required.</param>
    /// <param name="calendar">The <c>calendar</c> attribute; absent means <c>standard</c>.</param>
    public static CfTimeDecoder Create(string? units, string? calendar, string filePath, string variable)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        ArgumentNullException.ThrowIfNull(variable);
        if (units is null)
            throw new InvalidInputException(filePath, variable, "a time variable needs a 'units' attribute of the form 'UNIT since DATE'");
        var cfCalendar = CfCalendarNames.Parse(calendar, filePath, variable);
        return new CfTimeDecoder(CfTimeUnits.Parse(units, cfCalendar, filePath, variable), filePath, variable);
    }

    public CalendarDateTime Decode(double value)
    {
        if (double.IsNaN(value))
            throw new InvalidInputException(FilePath, Variable, "a time value is missing (NaN or fill value)");
        try
        {
            return Units.ToDateTime(value);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidInputException(FilePath, Variable, $"time value {value} {Units} is out of range: {e.Message}", e);
        }
    }

    public CalendarDateTime[] Decode(ReadOnlySpan<double> values)
    {
        var result = new CalendarDateTime[values.Length];
        for (var i = 0; i < values.Length; i++)
            result[i] = Decode(values[i]);
        return result;
    }
}
