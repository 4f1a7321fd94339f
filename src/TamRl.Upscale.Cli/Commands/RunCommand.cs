using System.CommandLine;
using System.Text.Json;
using TamRl.Upscale.Core.Config;
using TamRl.Upscale.IO.Inspection;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>
/// <c>tamrl run --config FILE --out DIR</c>: the main job. For now it runs the stages that exist:
/// it opens and decodes every input of the configuration and writes one summary per input under
/// <c>DIR/inspect/</c>. The Hangfire orchestration issue turns it into the whole pipeline.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Pipeline configuration (jobs/*.json).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder.", Required = true };
        var pipeline = new Option<string?>("--pipeline")
        {
            Description = "Run this pipeline through Hangfire on the embedded store, with a progress display " +
                          "(registered: synthetic; without it: decode the inputs, until the stages are integrated).",
        };
        var command = new Command("run", "Run the pipeline described by a configuration.") { config, output, pipeline };
        command.SetAction(parse => CommandErrors.Run(() => parse.GetValue(pipeline) is { } name
            ? Orchestrated(name, parse.GetValue(config)!, parse.GetValue(output)!)
            : Execute(parse.GetValue(config)!, parse.GetValue(output)!)));
        return command;
    }

    /// <summary>The whole pipeline through Hangfire in this process (Jobs' EmbeddedRun), its progress on one line per change.</summary>
    private static int Orchestrated(string pipeline, string configPath, string outDir)
    {
        if (!File.Exists(configPath))
            throw new FileNotFoundException($"{configPath}: configuration not found");
        var run = TamRl.Upscale.Jobs.Hosting.EmbeddedRun.Execute(pipeline, configPath, outDir, Catalog.Create(),
            s => Console.Out.WriteLine($"  {DateTime.Now:HH:mm:ss} {s.Summary}"));
        foreach (var f in run.Failures)
            Console.Error.WriteLine($"  failure: {f.Stage}{(f.Chunk is null ? "" : " chunk " + f.Chunk)} attempt {f.Attempt}: {f.Message}");
        if (run.State != TamRl.Upscale.Jobs.Runs.RunStates.Done)
        {
            Console.Error.WriteLine($"error: run {run.Spec.Id} {run.State} at stage {TamRl.Upscale.Jobs.Runs.Stages.Label(run.Stage)} (tamrl status {run.Spec.Id} --out {outDir})");
            return CommandErrors.Refused;
        }
        Console.Out.WriteLine($"run {run.Spec.Id} done: products in {run.Spec.ProductsDir}");
        return 0;
    }

    private static int Execute(string configPath, string outDir)
    {
        var config = PipelineConfig.Load(configPath);
        var inputs = config.ResolveInputs();
        var inspectDir = Path.Combine(Path.GetFullPath(outDir), "inspect");
        // Written to a staging folder and moved in place at the end: an interrupted run leaves no half set.
        var staging = inspectDir + ".staging";
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);

        var problems = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var summary = DatasetInspector.Inspect(inputs[i]);
            problems += summary.Problems.Count;
            var name = $"{i:D2}-{Path.GetFileNameWithoutExtension(inputs[i].TrimEnd('/'))}.json";
            File.WriteAllText(Path.Combine(staging, name), JsonSerializer.Serialize(summary, InspectCommand.Json));
            Console.Out.WriteLine($"[{i + 1}/{inputs.Count}] {inputs[i]}: {summary.Variables.Count} variables" +
                                  (summary.Problems.Count > 0 ? $", {summary.Problems.Count} problems" : ""));
        }

        if (Directory.Exists(inspectDir))
            Directory.Delete(inspectDir, recursive: true);
        Directory.Move(staging, inspectDir);
        Console.Out.WriteLine($"run '{config.Name}': {inputs.Count} inputs decoded; summaries in {inspectDir}");
        return problems == 0 ? 0 : CommandErrors.Refused;
    }
}
