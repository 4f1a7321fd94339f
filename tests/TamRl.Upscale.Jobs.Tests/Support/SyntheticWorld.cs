using System.Text.Json;
using TamRl.Upscale.Jobs.Seam;
using TamRl.Upscale.Jobs.Synthetic;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Jobs.Tests.Support;

/// <summary>A temporary folder with a synthetic pipeline configuration and an output folder.</summary>
public sealed class SyntheticWorld : IDisposable
{
    private readonly TempDirectory _dir = new("tamrl-jobs");

    public SyntheticWorld(double chunkDegrees = 45, int workMillis = 0, string? failOnceChunk = null, long seed = 42)
    {
        ConfigPath = _dir.File("synthetic.json");
        File.WriteAllText(ConfigPath, JsonSerializer.Serialize(new
        {
            name = "synthetic-test",
            seed,
            synthetic = new { chunkDegrees, workMillis, failOnceChunk },
        }));
        OutDir = Path.Combine(_dir.Path, "out");
        Directory.CreateDirectory(OutDir);
    }

    public string ConfigPath { get; }

    public string OutDir { get; }

    public string Root => _dir.Path;

    public string ProductPath => Path.Combine(OutDir, "products", SyntheticPipeline.ProductFile);

    public RunSpec Spec(string id) => new(id, SyntheticPipeline.Name, ConfigPath, OutDir);

    /// <summary>The products of a plain in-process loop over the stages, without Hangfire: the reference bytes.</summary>
    public byte[] DirectRunProduct(string outDir)
    {
        var spec = new RunSpec("direct", SyntheticPipeline.Name, ConfigPath, outDir);
        var set = SyntheticPipeline.Create();
        set.Stages.Ingest(spec);
        set.Stages.ExtractSites(spec);
        set.Stages.Train(spec);
        var chunks = set.Planner.Plan(spec).Select(c => c.Id).ToList();
        foreach (var chunk in chunks)
        {
            try { set.Stages.InferChunk(spec, chunk); }
            catch (Core.Errors.TamRlException) { set.Stages.InferChunk(spec, chunk); } // the injected failure, once
        }
        set.Stages.Assemble(spec, chunks);
        set.Stages.Check(spec);
        set.Stages.Publish(spec);
        return File.ReadAllBytes(Path.Combine(outDir, "products", SyntheticPipeline.ProductFile));
    }

    public void Dispose() => _dir.Dispose();
}
