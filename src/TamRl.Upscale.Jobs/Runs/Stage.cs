namespace TamRl.Upscale.Jobs.Runs;

/// <summary>The pipeline's stages in order; <see cref="Done"/> marks a finished run.</summary>
public enum Stage
{
    Ingest,
    ExtractSites,
    Train,
    Infer,
    Assemble,
    Check,
    Publish,
    Done,
}

public static class Stages
{
    public static Stage Next(this Stage stage) => stage == Stage.Done ? Stage.Done : stage + 1;

    /// <summary>The name shown in the dashboard, the status output and the run table.</summary>
    public static string Label(this Stage stage) => stage switch
    {
        Stage.ExtractSites => "extract-sites",
        _ => stage.ToString().ToLowerInvariant(),
    };

    public static Stage Parse(string label) =>
        Enum.GetValues<Stage>().FirstOrDefault(s => s.Label() == label) is var s && s.Label() == label
            ? s
            : throw new FormatException($"unknown stage '{label}'");
}
