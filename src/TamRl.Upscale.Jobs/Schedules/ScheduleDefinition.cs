using System.Text.Json;
using Hangfire;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Jobs.Orchestration;
using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Jobs.Schedules;

/// <summary>
/// A recurring regeneration defined in jobs/*.schedule.json: which pipeline and configuration, where
/// its products go, its cron expression, time zone and what to do with runs missed while no server was up.
/// </summary>
public sealed record ScheduleDefinition(string Id, string Cron, string TimeZone, MisfireHandlingMode Misfire,
    string Pipeline, string ConfigPath, string OutDir)
{
    public static ScheduleDefinition Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string Field(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s
            : throw new InvalidInputException(path, name, "missing (a non-empty string is required)");
        var misfire = Field("misfire") switch
        {
            "relaxed" => MisfireHandlingMode.Relaxed,
            "strict" => MisfireHandlingMode.Strict,
            "ignorable" => MisfireHandlingMode.Ignorable,
            var other => throw new InvalidInputException(path, "misfire", $"'{other}' is not one of relaxed, strict, ignorable"),
        };
        var zone = Field("timeZone");
        try { TimeZoneInfo.FindSystemTimeZoneById(zone); }
        catch (TimeZoneNotFoundException) { throw new InvalidInputException(path, "timeZone", $"unknown time zone '{zone}'"); }
        var cron = Field("cron");
        // Hangfire parses the expression itself at registration; here only its shape (5 or 6 fields).
        if (cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is not (5 or 6))
            throw new InvalidInputException(path, "cron", $"'{cron}' is not a cron expression (5 fields: minute hour day month weekday)");
        return new ScheduleDefinition(Field("id"), cron, zone, misfire, Field("pipeline"),
            Path.GetFullPath(Path.Combine(dir, Field("config"))), Path.GetFullPath(Path.Combine(dir, Field("out"))));
    }

    /// <summary>Every jobs/*.schedule.json in a folder.</summary>
    public static IReadOnlyList<ScheduleDefinition> LoadAll(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.schedule.json").Order().Select(Load).ToList() : [];

    /// <summary>Registers (or updates) the recurring job; a schedule whose pipeline this host lacks is skipped and reported.</summary>
    public bool Register(IRecurringJobManager manager, StageCatalog catalog, Action<string>? log = null)
    {
        if (!catalog.Names.Contains(Pipeline))
        {
            log?.Invoke($"schedule '{Id}' skipped: pipeline '{Pipeline}' is not registered here");
            return false;
        }
        manager.AddOrUpdate<PipelineJobs>(Id, j => j.Regenerate(Id, Pipeline, ConfigPath, OutDir, TimeZone), Cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone), MisfireHandling = Misfire });
        log?.Invoke($"schedule '{Id}' registered: '{Cron}' ({TimeZone}, misfire {Misfire})");
        return true;
    }
}
