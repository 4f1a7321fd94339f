using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Server.Security;
using TamRl.Upscale.Server.Tests.Support;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Server.Tests.Security;

/// <summary>
/// The API confined to its data roots (issue 17, security): a request's config and out must lie inside a configured
/// root, with no '..' and no symbolic link leading out; checked from an HTTP client against a running server.
/// </summary>
public sealed class DataRootsTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _root = new("tamrl-root");
    private readonly TempDirectory _elsewhere = new("tamrl-elsewhere");
    private readonly TempDirectory _state = new("tamrl-server");

    private async Task<(HttpStatusCode Status, string? Field, string Error)> Submit(RunningServer server, string config, string output)
    {
        var response = await server.Client.PostAsJsonAsync("/api/runs", new { config, @out = output, pipeline = "synthetic" });
        if (response.StatusCode != HttpStatusCode.BadRequest)
            return (response.StatusCode, null, "");
        var error = await Support.Api.Json(response);
        return (response.StatusCode, error.GetProperty("field").GetString(), error.GetProperty("error").GetString()!);
    }

    [Fact]
    public async Task Paths_outside_the_roots_dotdot_and_links_out_are_refused_naming_the_field()
    {
        var inside = _root.File("job.json");
        File.WriteAllText(inside, "{}");
        var outside = _elsewhere.File("job.json");
        File.WriteAllText(outside, "{}");
        File.CreateSymbolicLink(_root.File("link.json"), outside);
        Directory.CreateSymbolicLink(_root.File("escape"), _elsewhere.Path);
        await using var server = await RunningServer.Start(() => JobStore.Embedded(_state.Path), workers: 0, dataRoots: [_root.Path]);

        var absoluteOut = await Submit(server, outside, _root.File("out"));
        Assert.Equal((HttpStatusCode.BadRequest, "config"), (absoluteOut.Status, absoluteOut.Field));
        Assert.Contains("outside the server's data roots", absoluteOut.Error);

        var dotdot = await Submit(server, inside, _root.File("../x/out"));
        Assert.Equal((HttpStatusCode.BadRequest, "out"), (dotdot.Status, dotdot.Field));
        Assert.Contains("'..' is not allowed", dotdot.Error);

        var fileLink = await Submit(server, _root.File("link.json"), _root.File("out"));
        Assert.Equal((HttpStatusCode.BadRequest, "config"), (fileLink.Status, fileLink.Field));
        Assert.Contains($"resolves to {outside}", fileLink.Error);

        var folderLink = await Submit(server, inside, _root.File("escape/new-products"));
        Assert.Equal((HttpStatusCode.BadRequest, "out"), (folderLink.Status, folderLink.Field));

        var rerun = await server.Client.PostAsJsonAsync("/api/reruns", new { bbox = new[] { 0.0, 0, 10, 10 }, period = "2024-01", @out = _elsewhere.Path });
        Assert.Equal(HttpStatusCode.BadRequest, rerun.StatusCode);
        Assert.Equal("out", (await Support.Api.Json(rerun)).GetProperty("field").GetString());

        // Inside the root, a relative path included, the request passes the confinement (and is accepted).
        Assert.Equal(HttpStatusCode.Accepted, (await Submit(server, "job.json", "out")).Status);
    }

    [Fact]
    public async Task A_run_request_without_a_pipeline_gets_the_real_one()
    {
        File.WriteAllText(_root.File("job.json"), "{}");
        await using var server = await RunningServer.Start(() => JobStore.Embedded(_state.Path), workers: 0, dataRoots: [_root.Path]);

        // This test server registers only the synthetic pipeline: the refusal names the default it chose.
        var response = await server.Client.PostAsJsonAsync("/api/runs", new { config = "job.json", @out = "out" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await Support.Api.Json(response);
        Assert.Equal("pipeline", error.GetProperty("field").GetString());
        Assert.Contains("pipeline 'tamrl' is not registered", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_before_it_is_parsed()
    {
        await using var server = await RunningServer.Start(() => JobStore.Embedded(_state.Path), workers: 0, dataRoots: [_root.Path]);
        // A polygon of two million vertices (~40 MB of GeoJSON).
        var body = new StringBuilder("""{"period":"2024-01","parent":"x","geojson":{"type":"Polygon","coordinates":[[""");
        for (var i = 0; i < 2_000_000; i++)
            body.Append(i == 0 ? "" : ",").Append("[1.000001,2.000002]");
        body.Append("]]}}");
        var watch = Stopwatch.StartNew();
        HttpStatusCode status;
        try
        {
            status = (await server.Client.PostAsync("/api/reruns", new StringContent(body.ToString(), Encoding.UTF8, "application/json"))).StatusCode;
        }
        catch (HttpRequestException)
        {
            status = HttpStatusCode.RequestEntityTooLarge; // Kestrel may close the connection while the client still sends
        }
        // Printed, not asserted: a timing bound would fail on a busy machine (xunit shows it with --logger "console;verbosity=detailed").
        output.WriteLine($"a {body.Length / 1e6:F0} MB region of 2,000,000 vertices refused with {(int)status} in {watch.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task A_self_intersecting_polygon_of_forty_thousand_vertices_under_the_limit_is_refused_naming_where_it_crosses()
    {
        await using var server = await RunningServer.Start(() => JobStore.Embedded(_state.Path), workers: 0, dataRoots: [_root.Path]);
        // A bow tie (its edges cross at (5, 5)) densified to 40,000 vertices: under the 1 MiB body limit, so it is parsed
        // and validated.
        const int n = 40_000;
        (double Lon, double Lat)[] corners = [(0, 0), (10, 10), (10, 0), (0, 10)];
        var ring = Enumerable.Range(0, n).Select(i =>
        {
            var (from, to, t) = (corners[i / (n / 4)], corners[(i / (n / 4) + 1) % 4], i % (n / 4) / (double)(n / 4));
            return (Lon: from.Lon + t * (to.Lon - from.Lon), Lat: from.Lat + t * (to.Lat - from.Lat));
        }).ToList();
        ring.Add(ring[0]);
        var coordinates = string.Join(",", ring.Select(p => FormattableString.Invariant($"[{p.Lon:F7},{p.Lat:F7}]")));
        var body = """{"period":"2024-01","parent":"x","geojson":{"type":"Polygon","coordinates":[[""" + coordinates + "]]}}";
        Assert.InRange(body.Length, 500_000, 1 << 20); // ServerSettings.MaxRequestBodyBytes

        var watch = Stopwatch.StartNew();
        var response = await server.Client.PostAsync("/api/reruns", new StringContent(body, Encoding.UTF8, "application/json"));
        output.WriteLine($"a self-intersecting polygon of {n} vertices ({body.Length / 1e3:F0} kB) refused with {(int)response.StatusCode} in {watch.Elapsed.TotalSeconds:F2} s");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await Support.Api.Json(response);
        Assert.Equal("geojson", error.GetProperty("field").GetString());
        Assert.Contains("Self-intersection at (5, 5)", error.GetProperty("error").GetString());
        Assert.Empty(server.Store.Runs.Recent(10));
    }

    [Fact]
    public void A_root_that_does_not_exist_stops_the_server_naming_it()
    {
        var missing = _root.File("no-such-folder");
        var e = Assert.Throws<Core.Errors.TamRlException>(() => new DataRoots([missing]));
        Assert.Contains(missing, e.Message);
    }

    public void Dispose()
    {
        _root.Dispose();
        _elsewhere.Dispose();
        _state.Dispose();
    }
}
