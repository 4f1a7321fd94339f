using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Server.Security;

namespace TamRl.Upscale.Server.Dashboard;

/// <summary>
/// <c>GET /products/{run}/{PERIOD}/...</c>: the published files of a run's output folder (quicklooks, the budget table,
/// the annual-cycle figure, checks.json, ...) for the dashboard, and <c>GET /products/{run}/{PERIOD}/</c>, a page of the
/// period's maps and links. Confined to that folder's <c>products/</c>: the run is looked up in the run table (a caller
/// never names a folder), a path with an empty, <c>.</c> or <c>..</c> segment, a backslash or a NUL is refused, its first
/// segment must be a published period (hidden names such as <c>.versions</c> and <c>.staging</c> are not served), and
/// the path with every symbolic link resolved must still lie inside <c>OUT/products/</c> (the period links point into
/// <c>.versions/</c>, which is inside; a link planted to <c>/etc</c> is not). Refusals are 404s that say no more.
/// Authentication is the server's: on a non-loopback binding the token middleware guards these paths like every other.
/// </summary>
public static class ProductFiles
{
    public const string Prefix = "/products";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json",
        [".csv"] = "text/csv; charset=utf-8",
        [".tif"] = "image/tiff",
        [".qml"] = "application/xml",
        [".nc"] = "application/x-netcdf",
    };

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Prefix + "/{run}/{**path}", (HttpContext context, string run, string? path, IRunStore runs) => Serve(context, run, path, runs));

    /// <summary>The URL of a published file (its manifest path, relative to OUT/products/), each segment escaped.</summary>
    public static string Url(string runId, string relative) =>
        $"{Prefix}/{Uri.EscapeDataString(runId)}/{string.Join('/', relative.Split('/').Select(Uri.EscapeDataString))}";

    private static IResult Serve(HttpContext context, string runId, string? path, IRunStore runs)
    {
        if (runs.Find(runId) is not { } run || Resolve(run.Spec.OutDir, path ?? "") is not { } full)
            return Results.NotFound();
        // Served files are data, never pages: no sniffing, and an SVG opened on its own runs no script.
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
        if (Directory.Exists(full))
        {
            var name = path!.TrimEnd('/');
            if (name.Contains('/') || PublishedPeriod.Read(run.Spec.OutDir, name) is not { } period)
                return Results.NotFound();
            return Results.Content(PeriodPage(runId, period), "text/html; charset=utf-8");
        }
        return File.Exists(full)
            ? Results.File(full, ContentTypes.GetValueOrDefault(Path.GetExtension(full), "application/octet-stream"), enableRangeProcessing: true)
            : Results.NotFound();
    }

    /// <summary>The full path a request names inside <c>OUT/products/</c>, or null when it is refused.</summary>
    internal static string? Resolve(string outDir, string path)
    {
        if (path.Length == 0 || path.Contains('\0') || path.Contains('\\'))
            return null;
        var segments = path.TrimEnd('/').Split('/');
        // The first segment must be a published period (a link the publisher swaps), never the root manifest or a folder beside it.
        if (segments.Any(s => s is "" or "." or "..") || !PublishedPeriod.IsPeriodLink(outDir, segments[0]))
            return null;
        var root = DataRoots.RealPath(Path.GetFullPath(Path.Combine(outDir, "products")));
        if (!Directory.Exists(root))
            return null;
        var real = DataRoots.RealPath(Path.Combine(root, string.Join('/', segments)));
        return real.StartsWith(root + "/", StringComparison.Ordinal) ? real : null;
    }

    /// <summary>A page of one period: every month's quicklooks, the annual-cycle figure, the budget table and the checks.</summary>
    private static string PeriodPage(string runId, PublishedPeriod period)
    {
        string E(string s) => WebUtility.HtmlEncode(s);
        string U(string relative) => E(Url(runId, relative));
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>TamRl.Upscale {E(period.Name)}</title>")
            .Append("<style>body{font-family:sans-serif;margin:20px}img{border:1px solid #ccc;margin:4px}.month{margin-bottom:12px}</style></head><body>")
            .Append($"<h1>Products {E(period.Name)}</h1><p id=\"tamrl-period-links\">")
            .Append(ProductLinks.Links(runId, period)).Append("</p>");
        if (period.Of("annual-cycle-svg") is { } figure)
            html.Append($"<h2>Annual cycle</h2><img id=\"tamrl-annual-cycle\" src=\"{U(figure.File)}\" width=\"1000\" alt=\"annual cycle\">");
        html.Append("<h2>Monthly maps</h2>");
        foreach (var month in period.Quicklooks.GroupBy(q => q.Period))
        {
            html.Append($"<div class=\"month\"><h3>{E(month.Key)}</h3>");
            foreach (var q in month)
                html.Append($"<a href=\"{U(q.File)}\"><img class=\"tamrl-quicklook\" src=\"{U(q.File)}\" width=\"400\" alt=\"{E(q.Variable ?? "")} {E(month.Key)}\"></a>");
            html.Append("</div>");
        }
        return html.Append("</body></html>").ToString();
    }
}

/// <summary>The links of one published period, shared by the Runs page and the period page.</summary>
internal static class ProductLinks
{
    public static string Links(string runId, PublishedPeriod period)
    {
        string A(string relative, string text) => $"<a href=\"{WebUtility.HtmlEncode(ProductFiles.Url(runId, relative))}\">{WebUtility.HtmlEncode(text)}</a>";
        var parts = new List<string> { A(period.Name + "/", "maps") };
        if (period.Of("budget-csv") is { } csv)
            parts.Add(A(csv.File, "budget table (CSV)"));
        if (period.Of("budget-json") is { } json)
            parts.Add(A(json.File, "(JSON)"));
        if (period.Of("annual-cycle-svg") is { } figure)
            parts.Add(A(figure.File, "annual cycle"));
        parts.Add(A(period.ChecksFile, "checks") + (period.ChecksPassed switch { true => " (passed)", false => " (FAILED)", null => "" }));
        if (period.ZarrStore is { } zarr)
            parts.Add($"Zarr: <code>{WebUtility.HtmlEncode(zarr)}</code>");
        return string.Join(" · ", parts);
    }
}
