using TamRl.Upscale.Core.Grid;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TamRl.Upscale.SampleWorld;

namespace TamRl.Upscale.Cli.Commands;

/// <summary><c>tamrl sample-data --out DIR [--resolution DEG] [--start YYYY-MM] [--end YYYY-MM] [--seed N] [--bbox W,S,E,N]</c>.</summary>
internal static class SampleDataCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder to write the world into (replaced whole when generation succeeds).", Required = true };
        var resolution = new Option<double>("--resolution") { Description = "Grid resolution in degrees: 2, 1, 0.5 or 0.25.", DefaultValueFactory = _ => 2.0 };
        var start = new Option<string>("--start") { Description = "First month, YYYY-MM.", DefaultValueFactory = _ => "2019-01" };
        var end = new Option<string>("--end") { Description = "Last month, YYYY-MM.", DefaultValueFactory = _ => "2020-12" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => 42UL };
        var bbox = new Option<string?>("--bbox") { Description = "Region W,S,E,N in degrees (default: the globe)." };
        var command = new Command("sample-data", "Generate a sample world: ERA5-, MODIS- and FLUXNET-format inputs with known truth (a test world, not data).")
        {
            output, resolution, start, end, seed, bbox,
        };
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            var first = Core.Time.PeriodParser.ParseMonth(parse.GetValue(start)!, "--start");
            var last = Core.Time.PeriodParser.ParseMonth(parse.GetValue(end)!, "--end");
            var options = new SampleWorldOptions
            {
                OutputDirectory = parse.GetValue(output)!,
                Resolution = parse.GetValue(resolution),
                StartYear = first.Year, StartMonth = first.Month, EndYear = last.Year, EndMonth = last.Month,
                Seed = parse.GetValue(seed),
                Box = parse.GetValue(bbox) is { } b ? BoundingBox.Parse(b, "--bbox") : BoundingBox.Globe,
            };
            var clock = Stopwatch.StartNew();
            var report = SampleWorldGenerator.Generate(options, Console.Out);
            report.Print(Console.Out);
            Console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "wrote {0} in {1:F1} s", Path.GetFullPath(options.OutputDirectory), clock.Elapsed.TotalSeconds));
            return 0;
        }));
        return command;
    }
}
