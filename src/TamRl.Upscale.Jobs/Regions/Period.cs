using System.Globalization;
using System.Text.RegularExpressions;

namespace TamRl.Upscale.Jobs.Regions;

/// <summary>A rerun's period: one month YYYY-MM or a range YYYY-MM..YYYY-MM (inclusive).</summary>
public sealed partial record Period(string From, string To)
{
    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex Month();

    public static Period Parse(string text, string field = "--period")
    {
        var parts = text.Split("..");
        if (parts.Length is < 1 or > 2 || parts.Any(p => !Month().IsMatch(p)))
            throw new RegionException(field, $"expected YYYY-MM or YYYY-MM..YYYY-MM, got '{text}'");
        var from = parts[0];
        var to = parts.Length == 2 ? parts[1] : parts[0];
        if (string.CompareOrdinal(from, to) > 0)
            throw new RegionException(field, $"the period ends ({to}) before it starts ({from})");
        return new Period(from, to);
    }
}
