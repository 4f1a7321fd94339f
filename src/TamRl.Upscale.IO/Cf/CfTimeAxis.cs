using TamRl.Upscale.Core.Time;

namespace TamRl.Upscale.IO.Cf;

/// <summary>A decoded, strictly increasing time coordinate of one file.</summary>
public sealed record CfTimeAxis(
    string FilePath,
    string Variable,
    CfTimeUnits Units,
    IReadOnlyList<CalendarDateTime> Times,
    TimeAxisSummary Summary)
{
    public CfCalendar Calendar => Units.Calendar;
}
