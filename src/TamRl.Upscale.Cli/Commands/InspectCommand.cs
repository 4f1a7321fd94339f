using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TamRl.Upscale.IO.Inspection;

namespace TamRl.Upscale.Cli.Commands;

/// <summary><c>tamrl inspect PATH [--var NAME] [--json]</c>: what to run first on an unfamiliar cube.</summary>
internal static class InspectCommand
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "A NetCDF file, a Zarr store, or any raster GDAL reads (GeoTIFF, HDF4 subdataset names...)." };
        var variable = new Option<string?>("--var") { Description = "Summarise only this variable (or band description)." };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON." };
        var command = new Command("inspect", "Dimensions, variables with decoded units, time axis as dates, grid, and decoded statistics.")
        {
            path, variable, json,
        };
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            var summary = DatasetInspector.Inspect(parse.GetValue(path)!, parse.GetValue(variable));
            Console.Out.Write(parse.GetValue(json) ? JsonSerializer.Serialize(summary, Json) + "\n" : Render(summary));
            // A summarised file with CF problems is reported in full, but scripts still see the failure.
            return summary.Problems.Count == 0 ? 0 : CommandErrors.Refused;
        }));
        return command;
    }

    /// <summary>The human-readable form, in the spirit of <c>cdo sinfo</c>.</summary>
    internal static string Render(DatasetSummary s)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine($"File:       {s.Path}");
        w.WriteLine($"Format:     {s.Format}");
        if (s.Dimensions.Count > 0)
            w.WriteLine($"Dimensions: {string.Join(", ", s.Dimensions.Select(d => $"{d.Key}={d.Value}"))}");
        foreach (var t in s.TimeAxes)
            w.WriteLine($"Time:       {t.Variable}: {t.First} .. {t.Last}, {t.Steps} steps, step {t.Step} ({t.Calendar}; {t.Units})");
        if (s.Grid is { } g)
        {
            w.WriteLine($"Grid:       {g.Rows} x {g.Columns} (lat x lon), resolution {g.LatitudeResolution:G6} x {g.LongitudeResolution:G6} {(g.Geographic ? "deg" : "(projected CRS units)")}");
            w.WriteLine($"            latitude {g.LatitudeOrder}, longitude {g.LongitudeConvention}; extent W {g.West:G8} E {g.East:G8} S {g.South:G8} N {g.North:G8}");
        }
        if (s.Variables.Count > 0)
        {
            w.WriteLine("Variables:");
            w.WriteLine($"  {"name",-14} {"type",-8} {"dimensions",-36} {"units",-14} {"min",12} {"max",12} {"mean",12} {"missing",10}");
            foreach (var v in s.Variables)
            {
                var dims = string.Join(",", v.Dimensions.Zip(v.Shape, (d, n) => $"{d}={n}"));
                w.WriteLine($"  {v.Name,-14} {v.StorageType + (v.Packed ? "*" : ""),-8} {dims,-36} {v.Units ?? "",-14} " +
                            $"{Num(v.Min),12} {Num(v.Max),12} {Num(v.Mean),12} {v.Missing,10}");
            }
            if (s.Variables.Any(v => v.Packed))
                w.WriteLine("  * packed: statistics are of the unpacked values (scale_factor/add_offset applied)");
        }
        if (s.Subdatasets.Count > 0)
        {
            w.WriteLine("Subdatasets:");
            foreach (var sub in s.Subdatasets)
                w.WriteLine($"  {sub}");
        }
        foreach (var p in s.Problems)
            w.WriteLine($"Problem:    {p}");
        return w.ToString();
    }

    private static string Num(double? v) => v is null ? "-" : v.Value.ToString("G6", CultureInfo.InvariantCulture);
}
