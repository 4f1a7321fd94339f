using System.Globalization;

namespace TamRl.Upscale.Ingest.DriverCube;

/// <summary>One calendar month of the (standard-calendar) driver cube: the unit a drivers file holds.</summary>
public readonly record struct CubeMonth(int Year, int Month) : IComparable<CubeMonth>
{
    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public int Days => DateTime.DaysInMonth(Year, Month);

    public CubeMonth Next => Month == 12 ? new(Year + 1, 1) : new(Year, Month + 1);

    public static CubeMonth Of(DateOnly day) => new(day.Year, day.Month);

    /// <summary>The months from the one holding <paramref name="first"/> to the one holding <paramref name="last"/>, inclusive.</summary>
    public static IReadOnlyList<CubeMonth> Span(DateOnly first, DateOnly last)
    {
        if (last < first)
            throw new ArgumentException($"period {first:yyyy-MM-dd}..{last:yyyy-MM-dd} ends before it starts");
        var result = new List<CubeMonth>();
        for (var m = Of(first); m.CompareTo(Of(last)) <= 0; m = m.Next)
            result.Add(m);
        return result;
    }

    /// <summary>Parses "YYYY-MM" (Core's <see cref="Core.Time.PeriodParser.TryParseMonth"/>).</summary>
    public static bool TryParse(string text, out CubeMonth month)
    {
        month = default;
        if (!Core.Time.PeriodParser.TryParseMonth(text, out var day))
            return false;
        month = Of(day);
        return true;
    }

    public int CompareTo(CubeMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
