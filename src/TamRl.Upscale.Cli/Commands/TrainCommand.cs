using System.CommandLine;
using TamRl.Upscale.Model.Training;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>
/// <c>tamrl train --config FILE --out OUT [--device auto|cpu|cuda]</c>: trains the configured ensemble on
/// the training dataset and writes the model bundle to OUT/model (docs/model.md).
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Model configuration (schemas/model-config.schema.json).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder (the bundle goes to OUT/model).", Required = true };
        var device = new Option<string?>("--device") { Description = "auto, cpu or cuda (overrides the configuration)." };
        var command = new Command("train", "Train the TAM-RL ensemble and write the model bundle.") { config, output, device };
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            var bundle = TrainWorkflow.Run(ModelRunConfig.Load(parse.GetValue(config)!), parse.GetValue(output)!, parse.GetValue(device), Console.Out.WriteLine);
            Console.Out.WriteLine($"model bundle written to {bundle}");
            return 0;
        }));
        return command;
    }
}
