using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Core.Time;

/// <summary>Maps the text of a CF <c>calendar</c> attribute to a <see cref="CfCalendar"/> and back.</summary>
public static class CfCalendarNames
{
    /// <summary>The attribute values this code accepts, with the calendar each means.</summary>
    public static IReadOnlyDictionary<string, CfCalendar> Accepted { get; } =
        new Dictionary<string, CfCalendar>(StringComparer.OrdinalIgnoreCase)
        {
            ["standard"] = CfCalendar.Standard,
            ["gregorian"] = CfCalendar.Standard,
            ["proleptic_gregorian"] = CfCalendar.ProlepticGregorian,
            ["julian"] = CfCalendar.Julian,
            ["noleap"] = CfCalendar.NoLeap,
            ["365_day"] = CfCalendar.NoLeap,
            ["all_leap"] = CfCalendar.AllLeap,
            ["366_day"] = CfCalendar.AllLeap,
            ["360_day"] = CfCalendar.Day360,
        };

    /// <summary>
    /// The calendar an attribute names. Absent or blank means <see cref="CfCalendar.Standard"/>, as CF
    /// prescribes. Case and surrounding blanks are ignored (cftime does the same).
    /// </summary>
    public static bool TryParse(string? attribute, out CfCalendar calendar)
    {
        if (string.IsNullOrWhiteSpace(attribute))
        {
            calendar = CfCalendar.Standard;
            return true;
        }
        return Accepted.TryGetValue(attribute.Trim(), out calendar);
    }

    /// <summary>
    /// As <see cref="TryParse"/>, but an unknown name (for example <c>none</c>, which CF allows for
    /// climatologies without dates, or a typo) throws an <see cref="InvalidInputException"/> naming
    /// the file and the variable.
    /// </summary>
    public static CfCalendar Parse(string? attribute, string filePath, string variable)
    {
        if (TryParse(attribute, out var calendar))
            return calendar;
        throw new InvalidInputException(filePath, variable,
            $"unknown calendar '{attribute}'; expected one of: {string.Join(", ", Accepted.Keys)}");
    }

    /// <summary>The CF name written to output files (<c>standard</c>, never the deprecated <c>gregorian</c>).</summary>
    public static string ToCfName(this CfCalendar calendar) => calendar switch
    {
        CfCalendar.Standard => "standard",
        CfCalendar.ProlepticGregorian => "proleptic_gregorian",
        CfCalendar.Julian => "julian",
        CfCalendar.NoLeap => "noleap",
        CfCalendar.AllLeap => "all_leap",
        CfCalendar.Day360 => "360_day",
        _ => throw new ArgumentOutOfRangeException(nameof(calendar), calendar, null),
    };
}
