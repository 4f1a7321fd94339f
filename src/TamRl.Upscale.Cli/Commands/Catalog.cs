using TamRl.Upscale.Jobs.Seam;
using TamRl.Upscale.Pipeline;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>The pipelines this build of `tamrl` can run: the real one ("tamrl") and the synthetic one of the tests and benchmarks.</summary>
internal static class Catalog
{
    public static StageCatalog Create() =>
        StageCatalog.Default().Register(TamRlPipeline.Name, () => TamRlPipeline.Create(line => Console.Out.WriteLine("    " + line)));
}
