using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Server.Tests.Support;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Server.Tests.Security;

/// <summary>A server bound beyond loopback: no token, no start; no token on a request, nothing served and nothing enqueued.</summary>
public sealed class NonLoopbackBindingTests : IDisposable
{
    private const string Token = "s3cret-token-for-tests";
    private readonly TempDirectory _state = new("tamrl-server");

    [Fact]
    public void A_public_binding_without_a_token_refuses_to_start()
    {
        var e = Assert.Throws<TamRlException>(() => ServerHost.Build(new ServerSettings
        {
            Urls = ["http://0.0.0.0:5999"],
            OpenStore = () => JobStore.Embedded(_state.Path),
            Catalog = Jobs.Synthetic.SyntheticPipeline.Catalog(),
        }));
        Assert.Contains("not loopback-only", e.Message);
        Assert.Contains("TAMRL_API_TOKEN", e.Message);
    }

    [Fact]
    public async Task Unauthenticated_requests_are_refused_and_enqueue_nothing()
    {
        await using var server = await RunningServer.Start(() => JobStore.Embedded(_state.Path), host: "0.0.0.0", token: Token, workers: 0);
        var config = _state.File("c.json");
        File.WriteAllText(config, "{\"seed\":1}");
        var submit = new { config, @out = _state.File("out"), pipeline = "synthetic" };

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.GetAsync("/hangfire/jobs/enqueued")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.PostAsJsonAsync("/api/runs", submit)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.PostAsync("/hangfire/recurring/trigger", null)).StatusCode);
        // Every endpoint, with no token and with a wrong one (API and dashboard, reads and writes).
        var rerun = new { bbox = new[] { 0.0, 0, 10, 10 }, period = "2024-01", parent = "x" };
        async Task<HttpStatusCode[]> EveryEndpoint() =>
        [
            (await server.Client.GetAsync("/api/runs")).StatusCode,
            (await server.Client.GetAsync("/api/runs/any-run")).StatusCode,
            (await server.Client.PostAsJsonAsync("/api/runs", submit)).StatusCode,
            (await server.Client.PostAsJsonAsync("/api/reruns", rerun)).StatusCode,
            (await server.Client.GetAsync("/hangfire")).StatusCode,
            (await server.Client.GetAsync("/hangfire/runs")).StatusCode,
            (await server.Client.GetAsync("/hangfire/stats")).StatusCode,
        ];
        Assert.All(await EveryEndpoint(), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        server.UseBearer("wrong-token");
        Assert.All(await EveryEndpoint(), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        var refused = await server.Client.PostAsJsonAsync("/api/runs", submit);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Basic realm=\"tamrl\"", refused.Headers.WwwAuthenticate.ToString());
        server.Client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("any:wrong-token")));
        Assert.All(await EveryEndpoint(), s => Assert.Equal(HttpStatusCode.Unauthorized, s));

        Assert.Empty(server.Store.Runs.Recent(10));
        Assert.Equal(0, server.Store.Storage.GetMonitoringApi().EnqueuedCount("default"));

        server.UseBearer(Token);
        Assert.Equal(HttpStatusCode.Accepted, (await server.Client.PostAsJsonAsync("/api/runs", submit)).StatusCode);
        Assert.Single(server.Store.Runs.Recent(10));
        // A browser: HTTP Basic with the token as password opens the dashboard.
        server.Client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("any:" + Token)));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/hangfire/runs")).StatusCode);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _state.Dispose();
    }
}
