using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Pipeline;

/// <summary>
/// Where each stage of a run reads and writes (docs/data-contracts.md): the shared folders of the output
/// (drivers, sites, model, products, reports) and the run's own inference folder, OUT/runs/RUN, the
/// same layout `tamrl infer` and `tamrl publish` use.
/// </summary>
internal sealed record RunPaths(string Out, string RunId)
{
    public static RunPaths Of(RunSpec run) => new(Path.GetFullPath(run.OutDir), run.Id);

    public string Drivers => Path.Combine(Out, "drivers");
    public string Sites => Path.Combine(Out, "sites");
    public string Model => Path.Combine(Out, "model");
    public string Reports => Path.Combine(Out, "reports");
    public string Inference => InferenceOf(RunId);
    public string Checked => Path.Combine(Inference, "checked");

    public string InferenceOf(string runId) => Products.Inference.InferenceService.RunDirOf(Out, runId);
}
