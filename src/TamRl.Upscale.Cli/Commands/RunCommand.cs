using System.CommandLine;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>
/// <c>tamrl run --config FILE --out DIR</c>: the main job. The whole pipeline (sample world when configured,
/// ingest, extract-sites, train and evaluate, chunked inference, assembly, checks, publication, scoring)
/// through Hangfire on the embedded store in this process, with one progress line per change.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Pipeline configuration (jobs/*.json).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder.", Required = true };
        var pipeline = new Option<string>("--pipeline")
        {
            Description = "The stage set: tamrl (the real pipeline, the default and the only one this program registers).",
            DefaultValueFactory = _ => TamRl.Upscale.Pipeline.TamRlPipeline.Name,
        };
        var command = new Command("run", "Run the pipeline described by a configuration.") { config, output, pipeline };
        command.SetAction(parse => CommandErrors.Run(() => Orchestrated(parse.GetValue(pipeline)!, parse.GetValue(config)!, parse.GetValue(output)!)));
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
        var reports = Path.Combine(Path.GetFullPath(outDir), "reports");
        if (Directory.Exists(reports))
            Console.Out.WriteLine($"reports (evaluation, figures, scores against truth) in {reports}");
        return 0;
    }
}
