using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Jobs.Tests.Support;
using TamRl.Upscale.Server.Tests.Support;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Server.Tests.Api;

/// <summary>The HTTP API on a loopback server with workers, over the embedded store.</summary>
public sealed class RunsApiTests : IDisposable
{
    private readonly SyntheticWorld _world = new(chunkDegrees: 90);
    private readonly TempDirectory _state = new("tamrl-server");

    [Fact]
    public async Task A_run_and_a_rerun_submitted_over_http_finish_and_report_their_progress()
    {
        await using var server = await RunningServer.Start(() => JobStore.Embedded(_state.Path));
        var accepted = await server.Client.PostAsJsonAsync("/api/runs", new { config = _world.ConfigPath, @out = _world.OutDir, pipeline = "synthetic" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await Support.Api.Json(accepted)).GetProperty("id").GetString()!;
        Assert.Equal($"/api/runs/{id}", accepted.Headers.Location!.ToString());

        var run = await Support.Api.WaitFinished(server.Client, id);
        Assert.Equal(("done", "done", 8, 8), (run.GetProperty("state").GetString(), run.GetProperty("stage").GetString(),
            run.GetProperty("chunksDone").GetInt32(), run.GetProperty("chunksTotal").GetInt32()));

        var rerun = await server.Client.PostAsJsonAsync("/api/reruns", new { bbox = new[] { 10.0, 10, 20, 20 }, period = "2024-01..2024-02", parent = id });
        Assert.Equal(HttpStatusCode.Accepted, rerun.StatusCode);
        var rerunId = (await Support.Api.Json(rerun)).GetProperty("id").GetString()!;
        var done = await Support.Api.WaitFinished(server.Client, rerunId);
        Assert.Equal(("done", 1, id, "2024-01..2024-02"), (done.GetProperty("state").GetString(), done.GetProperty("chunksTotal").GetInt32(),
            done.GetProperty("parent").GetString(), done.GetProperty("period").GetString()));
    }

    [Theory]
    [InlineData("""{"bbox":[170,0,-170,10],"period":"2024-01","parent":"x"}""", "bbox", "crosses the antimeridian")]
    [InlineData("""{"bbox":[0,0,10],"period":"2024-01","parent":"x"}""", "bbox", "four numbers")]
    [InlineData("""{"bbox":[0,0,10,10],"geojson":{},"period":"2024-01","parent":"x"}""", "bbox", "exactly one of")]
    [InlineData("""{"geojson":{"type":"Polygon","coordinates":[[[0,0],[10,10],[10,0],[0,10],[0,0]]]},"period":"2024-01","parent":"x"}""", "geojson", "Self-intersection")]
    [InlineData("""{"bbox":[0,0,10,10],"period":"2024-13","parent":"x"}""", "period", "expected YYYY-MM")]
    [InlineData("""{"bbox":[0,0,10,10],"period":"2024-01","parent":"x","priority":1}""", "priority", "unknown field")]
    [InlineData("""{"bbox":[0,0,10,10],"period":"2024-01","parent":"no-such-run"}""", "parent", "not in the run table")]
    public async Task A_bad_rerun_request_is_refused_naming_the_field(string body, string field, string expected)
    {
        await using var server = await RunningServer.Start(() => JobStore.Embedded(_state.Path), workers: 0);
        var response = await server.Client.PostAsync("/api/reruns", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await Support.Api.Json(response);
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Contains(expected, error.GetProperty("error").GetString());
    }

    [Fact]
    public void The_published_schema_names_the_fields_the_server_accepts()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RepoPaths.Root + "/schemas/rerun-request.schema.json"));
        var properties = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(["bbox", "geojson", "out", "parent", "period"], properties);
        Assert.False(schema.RootElement.GetProperty("additionalProperties").GetBoolean());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _world.Dispose();
        _state.Dispose();
    }
}
