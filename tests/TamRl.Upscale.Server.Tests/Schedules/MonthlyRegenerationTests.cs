using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Jobs.Orchestration;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Schedules;
using TamRl.Upscale.Jobs.Seam;
using TamRl.Upscale.Jobs.Tests.Support;
using TamRl.Upscale.Server.Tests.Support;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Server.Tests.Schedules;

/// <summary>The monthly regeneration: defined in jobs/, registered by the server, firing a run over the latest month.</summary>
public sealed class MonthlyRegenerationTests : IDisposable
{
    private readonly SyntheticWorld _world = new(chunkDegrees: 90);
    private readonly TempDirectory _state = new("tamrl-server");

    [Fact]
    public void The_definition_in_jobs_reads_as_a_monthly_utc_schedule_with_relaxed_misfires()
    {
        var s = ScheduleDefinition.Load(Path.Combine(RepoPaths.Root, "jobs", "monthly-regeneration.schedule.json"));
        Assert.Equal(("monthly-regeneration", "0 3 2 * *", "Etc/UTC", MisfireHandlingMode.Relaxed),
            (s.Id, s.Cron, s.TimeZone, s.Misfire));
        Assert.Equal(Path.Combine(RepoPaths.Root, "jobs", "monthly-real.json"), s.ConfigPath);
    }

    [Fact]
    public void The_scheduled_configuration_is_a_real_one_reusing_a_trained_bundle()
    {
        // Real inputs (ERA5 GRIB, MCD12Q1 land cover, static geography from real sources), no sample world, no towers to train on.
        var config = Core.Config.PipelineConfig.Load(ScheduleDefinition.Load(Path.Combine(RepoPaths.Root, "jobs", "monthly-regeneration.schedule.json")).ConfigPath);
        config.Ingest!.Validate(config.SourcePath);
        Assert.True(config.Ingest.StaticIsReal);
        Assert.Null(config.SampleWorld);
        Assert.Equal(Core.Config.Era5Layout.Grib, Assert.Single(config.Ingest.Era5).Layout);
        Assert.NotNull(config.Model?.Bundle);
        Assert.Null(config.Sites);
    }

    [Fact]
    public void Bad_definitions_are_refused_naming_the_file_and_field()
    {
        var path = _state.File("bad.schedule.json");
        File.WriteAllText(path, """{"id":"x","cron":"0 3 2 *","timeZone":"Etc/UTC","misfire":"relaxed","pipeline":"p","config":"c","out":"o"}""");
        Assert.Contains("variable 'cron'", Assert.Throws<InvalidInputException>(() => ScheduleDefinition.Load(path)).Message);
        File.WriteAllText(path, """{"id":"x","cron":"0 3 2 * *","timeZone":"Mars/Olympus","misfire":"relaxed","pipeline":"p","config":"c","out":"o"}""");
        Assert.Contains("unknown time zone 'Mars/Olympus'", Assert.Throws<InvalidInputException>(() => ScheduleDefinition.Load(path)).Message);
        File.WriteAllText(path, """{"id":"x","cron":"0 3 2 * *","timeZone":"Etc/UTC","misfire":"sometimes","pipeline":"p","config":"c","out":"o"}""");
        Assert.Contains("not one of relaxed, strict, ignorable", Assert.Throws<InvalidInputException>(() => ScheduleDefinition.Load(path)).Message);
    }

    [Fact]
    public async Task The_server_registers_the_schedule_and_a_firing_regenerates_the_latest_complete_month()
    {
        var folder = Path.Combine(_state.Path, "jobs");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "synthetic.schedule.json"), JsonSerializer.Serialize(new
        {
            id = "synthetic-monthly", cron = "0 3 2 * *", timeZone = "Europe/Berlin", misfire = "strict",
            pipeline = "synthetic", config = _world.ConfigPath, @out = _world.OutDir,
        }));
        // A schedule whose pipeline this build lacks is skipped, not registered to fail every month.
        File.Copy(Path.Combine(RepoPaths.Root, "jobs", "monthly-regeneration.schedule.json"), Path.Combine(folder, "monthly-regeneration.schedule.json"));
        await using var server = await RunningServer.Start(() => JobStore.Embedded(Path.Combine(_state.Path, "state")), schedules: folder);

        using var connection = server.Store.Storage.GetConnection();
        var recurring = Assert.Single(connection.GetRecurringJobs(), r => r.Id != "tamrl-reconcile");
        Assert.Contains(connection.GetRecurringJobs(), r => r.Id == "tamrl-reconcile" && r.Cron == "* * * * *");
        Assert.Equal(("synthetic-monthly", "0 3 2 * *", "Europe/Berlin"), (recurring.Id, recurring.Cron, recurring.TimeZoneId));

        new RecurringJobManager(server.Store.Storage).Trigger("synthetic-monthly");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        RunStatus? run;
        while ((run = server.Store.Runs.Recent(5).FirstOrDefault(r => r.Spec.Kind == RunKinds.Monthly)) is not { Finished: true })
        {
            Assert.True(DateTime.UtcNow < deadline, "the triggered regeneration did not finish");
            await Task.Delay(100);
        }
        Assert.Equal(RunStates.Done, run.State);
        var expected = MonthlyPeriod.LatestComplete(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
        Assert.Equal((expected, expected), (run.Spec.PeriodFrom, run.Spec.PeriodTo));
    }

    [Theory]
    [InlineData("2026-01-15T10:00:00+00:00", "2025-12")]
    [InlineData("2026-03-01T00:30:00+01:00", "2026-02")]
    public void The_latest_complete_month_is_the_one_before_now(string now, string month) =>
        Assert.Equal(month, MonthlyPeriod.LatestComplete(DateTimeOffset.Parse(now)));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _world.Dispose();
        _state.Dispose();
    }
}
