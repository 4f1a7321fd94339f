using System.CommandLine;
using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Ingest;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>
/// <c>tamrl ingest --config FILE --out OUT</c>: ERA5 and MODIS inputs of the configuration's "ingest" section
/// to the driver cube OUT/drivers (docs/ingest.md). Months whose inputs are unchanged are skipped.
/// </summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Pipeline configuration with an \"ingest\" section (jobs/*.json).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder; the cube goes to OUT/drivers.", Required = true };
        var command = new Command("ingest", "ERA5 and MODIS inputs to the daily driver cube on the target grid.") { config, output };
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            var pipeline = PipelineConfig.Load(parse.GetValue(config)!);
            var result = new IngestService(pipeline, parse.GetValue(output)!, Console.Out.WriteLine).Run();
            Console.Out.WriteLine($"ingest '{pipeline.Name}': {result.Written.Count} months written, {result.Skipped.Count} unchanged; cube in {result.DriversDirectory}");
            return 0;
        }));
        return command;
    }
}
