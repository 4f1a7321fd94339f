using System.CommandLine;
using TamRl.Upscale.Model.Onnx;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>
/// <c>tamrl export-onnx --model OUT/model --out FILE.onnx</c>: the bundle's TAM-RL ensemble as one ONNX model, for ONNX Runtime
/// or any other ONNX tool (docs/model.md, "ONNX export"). The file is derived, not part of the bundle (bundles are immutable,
/// their identity the sha256 of bundle.json); it names the bundle in its metadata (<c>bundle_sha256</c>).
/// </summary>
internal static class ExportOnnxCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The model bundle (OUT/model).", Required = true };
        var output = new Option<string>("--out") { Description = "The ONNX file to write (replaced whole).", Required = true };
        var command = new Command("export-onnx", "Write the model bundle's TAM-RL ensemble as an ONNX model.") { model, output };
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            var (identity, bytes) = OnnxExportFile.Write(parse.GetValue(model)!, parse.GetValue(output)!);
            Console.Out.WriteLine($"ONNX model of bundle {identity} written to {parse.GetValue(output)} ({bytes / 1024.0 / 1024.0:F1} MiB)");
            return 0;
        }));
        return command;
    }
}
