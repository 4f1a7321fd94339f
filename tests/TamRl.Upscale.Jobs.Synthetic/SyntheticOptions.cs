using System.Text.Json;
using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Jobs.Synthetic;

/// <summary>
/// The synthetic pipeline's knobs, read from the run's configuration file: its "seed" and an optional
/// "synthetic" object { "chunkDegrees": 45, "workMillis": 0, "failOnceChunk": null }.
/// </summary>
public sealed record SyntheticOptions(long Seed, double ChunkDegrees, int WorkMillis, string? FailOnceChunk)
{
    public static SyntheticOptions Load(string configPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(configPath));
        var root = doc.RootElement;
        long seed = root.TryGetProperty("seed", out var s) && s.TryGetInt64(out var v) ? v : 0;
        double degrees = 45;
        int work = 0;
        string? failOnce = null;
        if (root.TryGetProperty("synthetic", out var syn))
        {
            if (syn.TryGetProperty("chunkDegrees", out var d)) degrees = d.GetDouble();
            if (syn.TryGetProperty("workMillis", out var w)) work = w.GetInt32();
            if (syn.TryGetProperty("failOnceChunk", out var f) && f.ValueKind == JsonValueKind.String) failOnce = f.GetString();
        }
        if (degrees <= 0 || 180 % degrees != 0)
            throw new InvalidInputException(configPath, "synthetic.chunkDegrees", $"must divide 180 evenly, got {degrees}");
        return new SyntheticOptions(seed, degrees, work, failOnce);
    }
}
