using TamRl.Upscale.Jobs.Seam;
using TamRl.Upscale.Pipeline;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>The pipelines this build of `tamrl` can run: the real one ("tamrl"), and those a host adds (<see cref="Program.Run"/>).</summary>
internal static class Catalog
{
    /// <summary>Set once by the entry point, before any verb runs.</summary>
    public static Func<StageCatalog, StageCatalog>? Register { get; set; }

    public static StageCatalog Create()
    {
        var catalog = new StageCatalog().Register(TamRlPipeline.Name, () => TamRlPipeline.Create(line => Console.Out.WriteLine("    " + line)));
        return Register?.Invoke(catalog) ?? catalog;
    }
}
