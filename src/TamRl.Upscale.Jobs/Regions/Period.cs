using System.Globalization;
using TamRl.Upscale.Core.Time;

namespace TamRl.Upscale.Jobs.Regions;

/// <summary>A rerun's period: one month YYYY-MM or a range YYYY-MM..YYYY-MM (inclusive).</summary>
public sealed record Period(string From, string To)
{
    /// <summary>Reads the period with Core's <see cref="PeriodParser.ParseMonths"/>.</summary>
    /// <exception cref="RegionException">Not months, or the range ends before it starts (naming <paramref name="field"/>).</exception>
    public static Period Parse(string text, string field = "--period")
    {
        var (first, last) = RegionException.Of(() => PeriodParser.ParseMonths(text, field));
        return new Period(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), last.ToString("yyyy-MM", CultureInfo.InvariantCulture));
    }
}
