using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Microsoft.Extensions.DependencyInjection;
using TamRl.Upscale.Jobs.Runs;

namespace TamRl.Upscale.Server.Dashboard;

/// <summary>
/// A "Runs" page in the Hangfire dashboard: each run's stage, chunks done/total and failures with their
/// messages, from the run table (Hangfire itself only knows single jobs), and the products each output folder has
/// published: per period a map (the latest month's GPP quicklook), links to every map, the budget table, the annual-cycle
/// figure and the checks, served by <see cref="ProductFiles"/>. An output folder's products are shown on its newest run's
/// row (runs of one folder publish into the same periods).
/// </summary>
internal sealed class RunsPage : RazorPage
{
    public const string Route = "/runs";
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>
    /// Adds the page and its menu item once per process (Hangfire's routes are global). A second caller waits until
    /// they are added, so no server starts serving without them.
    /// </summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
                return;
            DashboardRoutes.Routes.AddRazorPage(Route, _ => new RunsPage());
            NavigationMenu.Items.Add(page => new MenuItem("Runs", page.Url.To(Route)) { Active = page.RequestPath.StartsWith(Route) });
            _registered = true;
        }
    }

    public override void Execute()
    {
        Layout = new LayoutPage("Runs");
        var runs = Context.GetHttpContext().RequestServices.GetRequiredService<IRunStore>().Recent(50);
        WriteLiteral("<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">Runs</h1>");
        WriteLiteral("<table class=\"table table-striped\" id=\"tamrl-runs\"><thead><tr><th>Run</th><th>Kind</th><th>State</th><th>Stage</th><th>Chunks</th><th>Updated</th><th>Failures</th><th>Products</th></tr></thead><tbody>");
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            WriteLiteral("<tr><td>"); Write(run.Spec.Id);
            WriteLiteral("</td><td>"); Write(run.Spec.Kind);
            WriteLiteral("</td><td>"); Write(run.State + (run.State == RunStates.Waiting ? $" for {run.WaitsFor}" : ""));
            WriteLiteral("</td><td>"); Write(run.Stage.Label());
            WriteLiteral("</td><td>"); Write($"{run.ChunksDone}/{run.ChunksTotal}");
            WriteLiteral("</td><td>"); Write(run.Updated.ToString("yyyy-MM-dd HH:mm:ss") + "Z");
            WriteLiteral("</td><td>");
            foreach (var f in run.Failures)
            {
                WriteLiteral("<div>"); Write($"{f.Stage}{(f.Chunk is null ? "" : " " + f.Chunk)} #{f.Attempt}: {f.Message}"); WriteLiteral("</div>");
            }
            WriteLiteral("</td><td>");
            if (shown.Add(Path.GetFullPath(run.Spec.OutDir)))
                WriteProducts(run.Spec.Id, PublishedPeriod.In(run.Spec.OutDir));
            WriteLiteral("</td></tr>");
        }
        WriteLiteral("</tbody></table></div></div>");
    }

    private void WriteProducts(string runId, IReadOnlyList<PublishedPeriod> periods)
    {
        foreach (var period in periods)
        {
            WriteLiteral("<div class=\"tamrl-period\"><strong>"); Write(period.Name); WriteLiteral("</strong><br>");
            if (period.Quicklooks.LastOrDefault(q => q.Variable == "gpp") is { } map)
            {
                var url = System.Net.WebUtility.HtmlEncode(ProductFiles.Url(runId, map.File));
                WriteLiteral($"<a href=\"{url}\"><img class=\"tamrl-map\" src=\"{url}\" width=\"360\" alt=\"GPP {System.Net.WebUtility.HtmlEncode(map.Period)}\"></a><br>");
            }
            WriteLiteral(ProductLinks.Links(runId, period));
            WriteLiteral("</div>");
        }
    }
}
