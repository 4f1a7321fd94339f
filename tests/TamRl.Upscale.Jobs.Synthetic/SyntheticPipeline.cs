using System.Security.Cryptography;
using System.Text;
using NetTopologySuite.Geometries;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Jobs.Synthetic;

/// <summary>
/// A pipeline that does small real work through the same seam as the real one, so that the
/// orchestration's guarantees are tested on files: every stage writes through staging; each chunk
/// writes a payload determined only by (seed, chunk, period, model); assemble concatenates the chunk
/// payloads in plan order into products/flux.bin (a rerun patches only its chunks' segments of the
/// published file); check verifies the assembled file against the chunk files; publish renames it in
/// place. Byte-identical products across worker counts and killed workers follow only if the
/// orchestration runs each chunk to completion exactly as it should.
/// <para>A test double: it lives with the tests (no production host registers it); its own layout, <c>OUT/work/RUN</c>,
/// is not the real pipeline's (<c>OUT/runs/RUN</c>, docs/data-contracts.md).</para>
/// </summary>
public sealed class SyntheticPipeline : IPipelineStages, IChunkPlanner, ILandMask
{
    public const string Name = "synthetic";
    public const int PayloadBytes = 4096;
    public const string ProductFile = "flux.bin";

    // The synthetic world's one ocean: a box in the Pacific with no land (region checks use it).
    public static readonly Envelope Ocean = new(-170, -120, -40, 30);

    public const string WorkFolder = "work";

    public static StageSet Create()
    {
        var p = new SyntheticPipeline();
        return new StageSet(p, p, p);
    }

    /// <summary>A catalog that serves this pipeline (the hosts of the tests: embedded runs, the test server and workers).</summary>
    public static StageCatalog Catalog() => new StageCatalog().Register(Name, Create);

    /// <summary>Where this pipeline keeps a run's work: <c>OUT/work/RUN</c>.</summary>
    public static string WorkDirOf(RunSpec run) => Path.Combine(run.OutDir, WorkFolder, run.Id);

    public string Ingest(RunSpec run) => WriteText(run, "ingest.txt", $"seed={Options(run).Seed} period={run.PeriodFrom}..{run.PeriodTo}");

    public string ExtractSites(RunSpec run) => WriteText(run, "sites.txt", $"sites of {File.ReadAllText(Path.Combine(WorkDirOf(run), "ingest.txt"))}");

    public string Train(RunSpec run) => WriteText(run, "model.txt", Hex(Sha($"model|{Options(run).Seed}")));

    public string InferChunk(RunSpec run, string chunkId)
    {
        var options = Options(run);
        var model = File.ReadAllText(Path.Combine(ModelRunDir(run), "model.txt"));
        if (options.WorkMillis > 0)
            Thread.Sleep(options.WorkMillis); // stands for seconds of inference
        if (options.FailOnceChunk == chunkId)
        {
            var marker = Path.Combine(WorkDirOf(run), $"failed-once-{chunkId}");
            if (!File.Exists(marker))
            {
                Directory.CreateDirectory(WorkDirOf(run));
                File.WriteAllText(marker, "");
                throw new TamRlException($"chunk {chunkId}: injected failure (synthetic.failOnceChunk)");
            }
        }
        var payload = Payload($"{options.Seed}|{chunkId}|{run.PeriodFrom}..{run.PeriodTo}|{model}");
        var path = Path.Combine(WorkDirOf(run), "chunks", chunkId + ".bin");
        WriteAtomically(path, payload);
        return Hex(SHA256.HashData(payload));
    }

    public string Assemble(RunSpec run, IReadOnlyList<string> chunkIds)
    {
        var all = Plan(run).Select(c => c.Id).ToList();
        var published = Path.Combine(run.ProductsDir, ProductFile);
        // A rerun starts from the published products and replaces only its chunks' segments.
        var bytes = run.Parent is not null && File.Exists(published) ? File.ReadAllBytes(published) : new byte[all.Count * PayloadBytes];
        if (bytes.Length != all.Count * PayloadBytes)
            throw new DataFileException(published, null, $"expected {all.Count * PayloadBytes} bytes ({all.Count} chunks), found {bytes.Length}");
        foreach (var id in chunkIds)
        {
            var index = all.IndexOf(id);
            var chunk = File.ReadAllBytes(Path.Combine(WorkDirOf(run), "chunks", id + ".bin"));
            chunk.CopyTo(bytes, index * PayloadBytes);
        }
        var path = Path.Combine(WorkDirOf(run), "assembled", ProductFile);
        WriteAtomically(path, bytes);
        return Hex(SHA256.HashData(bytes));
    }

    public string Check(RunSpec run)
    {
        var path = Path.Combine(WorkDirOf(run), "assembled", ProductFile);
        var bytes = File.ReadAllBytes(path);
        var all = Plan(run).Select(c => c.Id).ToList();
        if (bytes.Length != all.Count * PayloadBytes)
            throw new DataFileException(path, null, $"expected {all.Count * PayloadBytes} bytes, found {bytes.Length}");
        for (var i = 0; i < all.Count; i++)
        {
            var chunkFile = Path.Combine(WorkDirOf(run), "chunks", all[i] + ".bin");
            if (File.Exists(chunkFile) && !bytes.AsSpan(i * PayloadBytes, PayloadBytes).SequenceEqual(File.ReadAllBytes(chunkFile)))
                throw new DataFileException(path, all[i], "segment differs from the chunk's output");
        }
        return Hex(SHA256.HashData(bytes));
    }

    public string Publish(RunSpec run)
    {
        var target = Path.Combine(run.ProductsDir, ProductFile);
        byte[] bytes;
        if (run.Parent is null)
        {
            bytes = File.ReadAllBytes(Path.Combine(WorkDirOf(run), "assembled", ProductFile));
        }
        else
        {
            // A rerun patches what is published now, not what was published when it assembled: a
            // disjoint rerun may have published in between (Publish runs under the output folder's lock).
            bytes = File.ReadAllBytes(target);
            var all = Plan(run).Select(c => c.Id).ToList();
            foreach (var file in Directory.GetFiles(Path.Combine(WorkDirOf(run), "chunks"), "*.bin"))
                File.ReadAllBytes(file).CopyTo(bytes, all.IndexOf(Path.GetFileNameWithoutExtension(file)) * PayloadBytes);
        }
        WriteAtomically(target, bytes);
        return target;
    }

    public IReadOnlyList<ChunkExtent> Plan(RunSpec run)
    {
        var d = Options(run).ChunkDegrees;
        var chunks = new List<ChunkExtent>();
        for (var row = 0; row < (int)(180 / d); row++)
        for (var col = 0; col < (int)(360 / d); col++)
        {
            var south = -90 + row * d;
            var west = -180 + col * d;
            chunks.Add(new ChunkExtent($"r{row:D2}c{col:D2}", new Envelope(west, west + d, south, south + d)));
        }
        return chunks;
    }

    public bool Touches(Geometry region) => !new GeometryFactory().ToGeometry(Ocean).Contains(region);

    private static SyntheticOptions Options(RunSpec run) => SyntheticOptions.Load(run.ConfigPath);

    // A rerun reuses its parent's model: reruns recompute chunks, they do not retrain.
    private static string ModelRunDir(RunSpec run) =>
        run.Parent is null ? WorkDirOf(run) : Path.Combine(run.OutDir, WorkFolder, run.Parent);

    private static string WriteText(RunSpec run, string name, string text)
    {
        WriteAtomically(Path.Combine(WorkDirOf(run), name), Encoding.UTF8.GetBytes(text));
        return name;
    }

    private static byte[] Payload(string key)
    {
        var bytes = new byte[PayloadBytes];
        var block = Sha(key);
        for (var offset = 0; offset < PayloadBytes; offset += block.Length)
        {
            block.CopyTo(bytes.AsSpan(offset));
            block = SHA256.HashData(block);
        }
        return bytes;
    }

    /// <summary>Writes beside the target and renames: a killed writer never leaves a partial file under the target's name.</summary>
    public static void WriteAtomically(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var staging = $"{path}.{Guid.NewGuid():N}.partial";
        File.WriteAllBytes(staging, bytes);
        File.Move(staging, path, overwrite: true);
    }

    private static byte[] Sha(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes)[..16];
}
