using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Time;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.Cf;

/// <summary>
/// Decodes a time coordinate variable (its <c>units</c> and <c>calendar</c>, default
/// <c>standard</c>) into calendar date-times and checks that they increase strictly, as a
/// coordinate must. Values go through <see cref="CfVariableDecoder"/> first, so a packed or
/// filled time variable is handled; a missing time is an error, not a gap.
/// </summary>
public static class CfTimeCoder
{
    /// <summary>
    /// The decoded axis. Throws <see cref="InvalidInputException"/> naming the file and variable when
    /// the variable is absent, not 0- or 1-dimensional, empty, lacks or has unparsable units, names an
    /// unknown calendar, holds a missing value, or repeats or goes back in time.
    /// </summary>
    public static CfTimeAxis Decode(IArrayDataset dataset, string variable)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var info = CfAttributes.RequireVariable(dataset, variable);
        if (info.Rank > 1)
            throw new InvalidInputException(dataset.Path, variable,
                $"a time coordinate must have one dimension, but has {info.Rank} ({string.Join(", ", info.DimensionNames)})");
        if (info.ElementCount == 0)
            throw new InvalidInputException(dataset.Path, variable, "the time coordinate is empty");

        var decoder = CfTimeDecoder.Create(info.Attributes.GetText("units"), info.Attributes.GetText("calendar"), dataset.Path, variable);
        var raw = CfVariableDecoder.Read(dataset, variable).Values;
        var times = decoder.Decode(raw);
        RequireStrictlyIncreasing(times, dataset.Path, variable);
        return new CfTimeAxis(dataset.Path, variable, decoder.Units, times, TimeAxisSummary.Of(times));
    }

    /// <summary>Throws <see cref="InvalidInputException"/> at the first repeated or backward step.</summary>
    public static void RequireStrictlyIncreasing(IReadOnlyList<CalendarDateTime> times, string filePath, string variable)
    {
        for (var i = 1; i < times.Count; i++)
        {
            if (times[i] == times[i - 1])
                throw new InvalidInputException(filePath, variable, $"time {times[i]} appears twice (at indices {i - 1} and {i})");
            if (times[i] < times[i - 1])
                throw new InvalidInputException(filePath, variable,
                    $"times are not increasing: {times[i - 1]} at index {i - 1} is followed by {times[i]}");
        }
    }
}
