using TamRl.Upscale.Core.Grid;
using System.Text.Json;
using TamRl.Upscale.Core.Config;
using TamRl.Upscale.SampleWorld;

namespace TamRl.Upscale.Pipeline;

/// <summary>
/// Generates the configuration's sample world before ingest, or keeps the one already there when its
/// manifest records the same seed and settings (generation is deterministic, so it would be the same bytes).
/// </summary>
internal static class SampleWorldStep
{
    public static void Ensure(PipelineConfig config, Action<string> log)
    {
        if (config.SampleWorld is not { } world)
            return;
        var folder = config.ResolvePath(world.Folder);
        var first = Core.Time.PeriodParser.ParseMonth(world.Start, "sampleWorld.start");
        var last = Core.Time.PeriodParser.ParseMonth(world.End, "sampleWorld.end");
        var options = new SampleWorldOptions
        {
            OutputDirectory = folder,
            Resolution = world.Resolution,
            StartYear = first.Year, StartMonth = first.Month, EndYear = last.Year, EndMonth = last.Month,
            Seed = (ulong)config.Seed,
            Box = world.Bbox is { } b ? BoundingBox.Parse(b, "sampleWorld.bbox") : BoundingBox.Globe,
        };
        if (SameWorld(Path.Combine(folder, "manifest.json"), options))
        {
            log($"sample world: kept {folder} (same seed and settings)");
            return;
        }
        log($"sample world: generating {world.Resolution} degrees, {world.Start}..{world.End}, seed {config.Seed}");
        using var writer = new StringWriter();
        SampleWorldGenerator.Generate(options, writer).Print(writer);
        foreach (var line in writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            log("sample world: " + line.TrimEnd());
    }

    private static bool SameWorld(string manifestPath, SampleWorldOptions options)
    {
        if (!File.Exists(manifestPath))
            return false;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifestPath));
            var m = doc.RootElement;
            var box = m.GetProperty("bbox").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            return m.GetProperty("seed").GetUInt64() == options.Seed
                   && m.GetProperty("resolution").GetDouble() == options.Resolution
                   && m.GetProperty("start").GetString() == $"{options.StartYear:D4}-{options.StartMonth:D2}"
                   && m.GetProperty("end").GetString() == $"{options.EndYear:D4}-{options.EndMonth:D2}"
                   && box.SequenceEqual([options.Box.West, options.Box.South, options.Box.East, options.Box.North]);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return false; // unreadable: generate afresh (the generator replaces the folder whole)
        }
    }
}
