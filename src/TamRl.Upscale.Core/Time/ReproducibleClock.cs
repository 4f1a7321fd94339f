using System.Globalization;

namespace TamRl.Upscale.Core.Time;

/// <summary>
/// The time written into files the pipeline makes (date_created, history, manifests, checks). Follows the
/// reproducible-builds convention: when <c>SOURCE_DATE_EPOCH</c> (seconds since 1970-01-01 UTC) is set,
/// that instant is used, so that a rerun with the same inputs and seed writes byte-identical files;
/// otherwise the wall clock.
/// </summary>
public static class ReproducibleClock
{
    public const string Variable = "SOURCE_DATE_EPOCH";

    public static DateTimeOffset Now()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text))
            return DateTimeOffset.UtcNow;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            throw new Errors.InvalidInputException(Variable, null, $"'{text}' is not a count of seconds since 1970-01-01 UTC");
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
