using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Ingest.Era5;

/// <summary>
/// ERA5-Land accumulations (ssrd, tp...) are running totals since 00 UTC: the step stamped h UTC holds
/// 00 UTC..h, and the step stamped 00 UTC holds the whole previous day (it closes that day; the total
/// restarts after it). The hour ending at h is therefore acc(h) - acc(h - 1 h), except at 01 UTC, whose
/// total is already its one hour. A running total that falls from one hour to the next by more than
/// packing noise (<see cref="Era5Quantity.RunningTotalSlack"/> plus 0.1%) is not one (an hourly
/// accumulation in the era5-land layout): refused naming the file, the variable, the hours and the cell.
/// Falls within the noise are clipped to 0.
/// </summary>
public static class RunningTotals
{
    /// <summary>Turns <paramref name="values"/>, the running total stored at <paramref name="time"/> (canonical grid), into the hour's accumulation.</summary>
    public static void Deaccumulate(Era5FieldSeries series, DateTime time, Span<float> values)
    {
        if (time.Hour == 1)
            return;
        var previous = time.AddHours(-1);
        var before = new float[values.Length];
        if (!series.TryReadStored(previous, before))
            throw new InvalidInputException(series.FileAt(time) ?? "", series.Quantity.ShortName,
                $"de-accumulating the running total at {time:yyyy-MM-dd HH:mm} UTC (layout era5-land) needs the step at {previous:yyyy-MM-dd HH:mm}, which no file holds");
        var slack = series.Quantity.RunningTotalSlack;
        for (var i = 0; i < values.Length; i++)
        {
            var hour = values[i] - before[i];
            if (hour < 0)
            {
                if (-hour > slack + 1e-3 * Math.Abs(before[i]))
                {
                    var g = series.Grid;
                    throw new InvalidInputException(series.FileAt(time) ?? "", series.Quantity.ShortName,
                        $"falls from {before[i]} at {previous:yyyy-MM-dd HH:mm} to {values[i]} at {time:yyyy-MM-dd HH:mm} UTC " +
                        $"(cell at {g.LatitudeOfRow(i / g.Columns)}, {g.LongitudeOfColumn(i % g.Columns)}): not a running total since 00 UTC " +
                        "as layout era5-land expects; hourly accumulations (ERA5) go in layout new-cds, legacy or grib");
                }
                hour = 0;
            }
            values[i] = hour;
        }
    }
}
