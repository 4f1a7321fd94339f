using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Jobs.Tests.Support;
using TamRl.Upscale.Products.Budgets;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.Server.Tests.Support;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Server.Tests.Dashboard;

/// <summary>
/// The Runs page links a run's published periods to their maps, budget table, annual-cycle figure and checks, served by
/// the server from OUT/products only; opened in headless Chromium, whose screenshot shows the map.
/// </summary>
public sealed class ProductsDashboardTests : IDisposable
{
    private const string Period = "2020";
    private readonly SyntheticWorld _world = new(chunkDegrees: 90);
    private readonly TempDirectory _state = new("tamrl-server");

    /// <summary>The screenshots, kept as test artifacts beside the test assembly.</summary>
    private static string Artifact(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    private async Task<(RunningServer Server, string Id)> ServerWithPublishedRun(string host = "127.0.0.1", string? token = null)
    {
        var server = await RunningServer.Start(() => JobStore.Embedded(_state.Path), host: host, token: token);
        if (token is not null)
            server.UseBearer(token);
        var accepted = await server.Client.PostAsJsonAsync("/api/runs", new { config = _world.ConfigPath, @out = _world.OutDir, pipeline = "synthetic" });
        var id = (await Support.Api.Json(accepted)).GetProperty("id").GetString()!;
        await Support.Api.WaitFinished(server.Client, id);
        PublishedPeriodFiles.Write(_world.OutDir, Period);
        return (server, id);
    }

    [Fact]
    public async Task The_runs_page_links_each_published_period_and_chromium_shows_its_map()
    {
        var (server, id) = await ServerWithPublishedRun();
        await using var _ = server;

        var dom = HeadlessChromium.DumpDom($"http://127.0.0.1:{server.Port}/hangfire/runs");
        var prefix = $"/products/{id}/{Period}/";
        Assert.Contains($"<img class=\"tamrl-map\" src=\"{prefix}quicklook/gpp_2020-02.png\"", dom); // the latest month's GPP
        Assert.Contains($"<a href=\"{prefix}budgets/regional_budgets_2020.csv\">budget table (CSV)</a>", dom);
        Assert.Contains($"<a href=\"{prefix}quicklook/annual_cycle_2020.svg\">annual cycle</a>", dom);
        Assert.Contains($"<a href=\"{prefix}checks.json\">checks</a> (passed)", dom);
        Assert.Contains($"<a href=\"{prefix}\">maps</a>", dom);

        // The period page: every month's three maps and the figure, each served.
        var page = HeadlessChromium.DumpDom($"http://127.0.0.1:{server.Port}{prefix}");
        Assert.Equal(6, CountOf(page, "class=\"tamrl-quicklook\""));
        Assert.Contains("id=\"tamrl-annual-cycle\"", page);
        foreach (var (file, type) in new[]
                 {
                     ("quicklook/nee_2020-01.png", "image/png"), ("quicklook/annual_cycle_2020.svg", "image/svg+xml"),
                     ("budgets/regional_budgets_2020.csv", "text/csv"), ("checks.json", "application/json"),
                 })
        {
            var response = await server.Client.GetAsync(prefix + file);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_world.OutDir, "products", Period, file)), await response.Content.ReadAsByteArrayAsync());
        }

        var screenshot = Artifact("dashboard-runs.png");
        HeadlessChromium.Screenshot($"http://127.0.0.1:{server.Port}/hangfire/runs", screenshot, 1600, 1000);
        AssertShowsTheMap(screenshot);
        HeadlessChromium.Screenshot($"http://127.0.0.1:{server.Port}{prefix}", Artifact("dashboard-period.png"), 1200, 1400);
    }

    /// <summary>
    /// The screenshot decoded by GDAL: not blank (pixel variance), and the quicklook's viridis colours are there (dark
    /// purple and yellow, which the dashboard's own style never uses) over thousands of pixels.
    /// </summary>
    private static void AssertShowsTheMap(string png)
    {
        using var raster = GdalRaster.Open(png);
        Assert.True(raster.BandCount >= 3);
        var (r, g, b) = (raster.ReadBand(1), raster.ReadBand(2), raster.ReadBand(3));
        var mean = r.Average();
        var variance = r.Select(v => (v - mean) * (v - mean)).Average();
        Assert.True(variance > 100, $"{png}: red variance {variance:F1}, a blank page?");
        int Count(Func<double, double, double, bool> colour) => Enumerable.Range(0, r.Length).Count(i => colour(r[i], g[i], b[i]));
        var yellow = Count((x, y, z) => x > 180 && y > 180 && z < 90);        // viridis' top, (253, 231, 37)
        var purple = Count((x, y, z) => x > 40 && x < 110 && y < 50 && z > 60 && z < 140); // viridis' bottom, (68, 1, 84)
        Assert.True(yellow > 500 && purple > 500, $"{png}: {yellow} yellow and {purple} purple pixels; the map is not shown");
    }

    [Fact]
    public async Task Product_files_are_confined_to_the_runs_products_folder()
    {
        var (server, id) = await ServerWithPublishedRun();
        await using var _ = server;
        var outside = _state.File("secret.txt");
        File.WriteAllText(outside, "not a product");
        // A link planted in the published folder that points out of it.
        File.CreateSymbolicLink(Path.Combine(_world.OutDir, "products", Period, "quicklook", "escape.png"), outside);

        async Task<HttpStatusCode> Status(string path) => (await server.Client.GetAsync(path)).StatusCode;
        Assert.Equal(HttpStatusCode.OK, await Status($"/products/{id}/{Period}/checks.json"));
        Assert.Equal(HttpStatusCode.NotFound, await Status($"/products/{id}/{Period}/quicklook/escape.png"));
        Assert.Equal(HttpStatusCode.NotFound, await Status($"/products/{id}/{Period}/%2E%2E/%2E%2E/%2E%2E/secret.txt"));
        Assert.Equal(HttpStatusCode.NotFound, await Status($"/products/{id}/{Period}/..%2F..%2F..%2Fsecret.txt"));
        Assert.Equal(HttpStatusCode.NotFound, await Status($"/products/{id}/.versions"));
        Assert.Equal(HttpStatusCode.NotFound, await Status($"/products/{id}/manifest.json")); // only inside a period
        Assert.Equal(HttpStatusCode.NotFound, await Status($"/products/no-such-run/{Period}/checks.json"));
        Assert.Equal(HttpStatusCode.NotFound, await Status($"/products/{id}/{Period}/quicklook/none.png"));
    }

    [Fact]
    public async Task Product_files_need_the_token_on_a_public_binding()
    {
        const string token = "products-token-for-tests";
        var (server, id) = await ServerWithPublishedRun("0.0.0.0", token);
        await using var _ = server;
        var path = $"/products/{id}/{Period}/quicklook/gpp_2020-01.png";

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(path)).StatusCode);
        server.Client.DefaultRequestHeaders.Authorization = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.GetAsync(path)).StatusCode);
        server.Client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("any:" + token)));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(path)).StatusCode);
    }

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, "").Length) / what.Length;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _world.Dispose();
        _state.Dispose();
    }
}

/// <summary>
/// A published period laid out as the publisher leaves it (OUT/products/PERIOD -> .versions/PERIOD-STAMP with
/// manifest.json and checks.json), its files made by the Products writers: two months of quicklooks, the budget table
/// and the annual-cycle figure. The synthetic pipeline the server tests run publishes no maps.
/// </summary>
internal static class PublishedPeriodFiles
{
    public static void Write(string outDir, string period)
    {
        var root = Path.Combine(outDir, "products");
        var version = Path.Combine(root, ".versions", $"{period}-20260101T000000000-test");
        Directory.CreateDirectory(Path.Combine(version, "quicklook"));
        Directory.CreateDirectory(Path.Combine(version, "budgets"));
        var grid = RegularLatLonGrid.Global(2);
        var files = new List<ManifestEntry>();
        void Add(string relative, string? variable, string step, string format) =>
            files.Add(new ManifestEntry($"{period}/{relative}", Core.Files.FileHash.Sha256(Path.Combine(version, relative)), variable, step, format));
        var rows = new List<BudgetRow>();
        foreach (var month in new[] { "2020-01", "2020-02" })
            foreach (var (flux, index) in new[] { ("gpp", 0), ("reco", 1), ("nee", 2) })
            {
                // A smooth field over land (north of 60S), sea below: the full colour ramp appears.
                var map = new float[grid.Rows * grid.Columns];
                for (var i = 0; i < map.Length; i++)
                {
                    var (row, column) = (i / grid.Columns, i % grid.Columns);
                    map[i] = row > 75 ? ProductFill.Value : (float)(column + row) / (grid.Columns + grid.Rows) * (index == 2 ? 2 : 10) - (index == 2 ? 1 : 0);
                }
                var relative = $"quicklook/{flux}_{month}.png";
                Quicklook.WriteMap(Path.Combine(version, relative), grid, map, $"{flux} {month}", $"{flux} (g m-2 d-1)", diverging: flux == "nee");
                Add(relative, flux, month, "png");
                rows.Add(new BudgetRow("global", "global", flux, month, 30, 100, (index == 2 ? -1 : 10) * (month == "2020-01" ? 1 : 1.5), 0.2));
            }
        var table = new BudgetTable("test", period, "Pg C", "daily flux x cell area x land fraction", "continents", BudgetTable.SpreadBound, "spread", 0, rows);
        File.WriteAllText(Path.Combine(version, "budgets", $"regional_budgets_{period}.csv"), table.ToCsv());
        File.WriteAllText(Path.Combine(version, "budgets", $"regional_budgets_{period}.json"), table.ToJson());
        AnnualCycleFigure.Write(Path.Combine(version, "quicklook", $"annual_cycle_{period}.svg"), table);
        Add($"budgets/regional_budgets_{period}.csv", null, period, "budget-csv");
        Add($"budgets/regional_budgets_{period}.json", null, period, "budget-json");
        Add($"quicklook/annual_cycle_{period}.svg", null, period, "annual-cycle-svg");
        File.WriteAllText(Path.Combine(version, "checks.json"), "{\"run_id\": \"test\", \"period\": \"" + period + "\", \"checks\": [], \"passed\": true}");
        File.WriteAllText(Path.Combine(version, "manifest.json"), new ProductManifest("test", DateTimeOffset.UnixEpoch, files).ToJson());
        File.CreateSymbolicLink(Path.Combine(root, period), Path.Combine(".versions", Path.GetFileName(version)));
    }
}
