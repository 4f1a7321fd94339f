using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>The pipelines this build of `tamrl` can run (the real stages register here at integration).</summary>
internal static class Catalog
{
    public static StageCatalog Create() => StageCatalog.Default();
}
