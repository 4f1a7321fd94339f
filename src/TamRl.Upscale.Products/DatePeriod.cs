using System.Globalization;

namespace TamRl.Upscale.Products;

/// <summary>A run of whole days, first and last included (the standard calendar, one step per day).</summary>
public sealed record DatePeriod
{
    public DatePeriod(DateOnly first, DateOnly last)
    {
        if (last < first)
            throw new ArgumentException($"period ends ({last:yyyy-MM-dd}) before it starts ({first:yyyy-MM-dd})");
        First = first;
        Last = last;
    }

    public DateOnly First { get; }

    public DateOnly Last { get; }

    public int Days => Last.DayNumber - First.DayNumber + 1;

    public DateOnly DateOf(int dayIndex) => First.AddDays(dayIndex);

    public int IndexOf(DateOnly date) => date.DayNumber - First.DayNumber;

    /// <summary>Whole calendar years, e.g. <c>DatePeriod.Year(2021)</c>.</summary>
    public static DatePeriod Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    /// <summary>One calendar month.</summary>
    public static DatePeriod Month(int year, int month) => new(new DateOnly(year, month, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month)));

    /// <summary>Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD..YYYY-MM-DD" (Core's <see cref="Core.Time.PeriodParser.Parse"/>).</summary>
    /// <param name="field">The option or field the text came from, named in the error.</param>
    /// <exception cref="Core.Errors.InvalidValueException">Not a period.</exception>
    public static DatePeriod Parse(string text, string field = "period")
    {
        var (first, last) = Core.Time.PeriodParser.Parse(text, field);
        return new DatePeriod(first, last);
    }

    /// <summary>The calendar months the period touches, each clipped to the period.</summary>
    public IEnumerable<DatePeriod> Months()
    {
        for (var d = new DateOnly(First.Year, First.Month, 1); d <= Last; d = d.AddMonths(1))
        {
            var m = Month(d.Year, d.Month);
            yield return new DatePeriod(m.First < First ? First : m.First, m.Last > Last ? Last : m.Last);
        }
    }

    /// <summary>A name for the period in file and folder names: "2021", "2021-03" or "2021-01-05_2021-02-10".</summary>
    public string Key
    {
        get
        {
            if (this == Year(First.Year))
                return First.Year.ToString("D4", CultureInfo.InvariantCulture);
            if (this == Month(First.Year, First.Month))
                return First.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            return $"{First:yyyy-MM-dd}_{Last:yyyy-MM-dd}";
        }
    }

    public override string ToString() => $"{First:yyyy-MM-dd}..{Last:yyyy-MM-dd}";
}
