using System.Net.Http.Json;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Jobs.Tests.Support;
using TamRl.Upscale.Server.Tests.Support;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Server.Tests.Dashboard;

/// <summary>The dashboard opened in headless Chromium after a run: Hangfire's job lists and the Runs page show the run.</summary>
public sealed class DashboardTests : IDisposable
{
    private readonly SyntheticWorld _world = new(chunkDegrees: 90);
    private readonly TempDirectory _state = new("tamrl-server");

    [Fact]
    public async Task The_dashboard_shows_the_runs_jobs_and_its_progress()
    {
        await using var server = await RunningServer.Start(() => JobStore.Embedded(_state.Path));
        var accepted = await server.Client.PostAsJsonAsync("/api/runs", new { config = _world.ConfigPath, @out = _world.OutDir, pipeline = "synthetic" });
        var id = (await Support.Api.Json(accepted)).GetProperty("id").GetString()!;
        await Support.Api.WaitFinished(server.Client, id);

        var succeeded = HeadlessChromium.DumpDom($"http://127.0.0.1:{server.Port}/hangfire/jobs/succeeded");
        Assert.Contains($"Ingest · {id}", succeeded);
        Assert.Contains($"infer · {id} · chunk r00c00", succeeded);
        Assert.Contains($"Publish · {id}", succeeded);

        var runs = HeadlessChromium.DumpDom($"http://127.0.0.1:{server.Port}/hangfire/runs");
        Assert.Contains("id=\"tamrl-runs\"", runs);
        Assert.Matches($"<td>{id}</td><td>run</td><td>done</td><td>done</td><td>8/8</td>", runs);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _world.Dispose();
        _state.Dispose();
    }
}
