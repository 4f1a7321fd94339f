using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Jobs.Orchestration;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Schedules;
using TamRl.Upscale.Server.Api;
using TamRl.Upscale.Server.Dashboard;
using TamRl.Upscale.Server.Security;

namespace TamRl.Upscale.Server;

/// <summary>
/// `tamrl server`: the Hangfire server (unless Workers is 0), the dashboard at /hangfire with a Runs
/// page, the HTTP API under /api, and the recurring regenerations of jobs/. Bound to anything but
/// loopback it refuses to start without a token, and refuses every request that does not present it.
/// </summary>
public static class ServerHost
{
    public static WebApplication Build(ServerSettings settings)
    {
        var loopbackOnly = BindingPolicy.IsLoopbackOnly(settings.Urls);
        if (!loopbackOnly && string.IsNullOrEmpty(settings.Token))
            throw new TamRlException($"binding {string.Join(", ", settings.Urls)} is not loopback-only: set TAMRL_API_TOKEN or --token-file, " +
                                     "the dashboard and API must not be reachable without authentication");
        var check = loopbackOnly ? null : new TokenCheck(settings.Token!);
        var roots = new DataRoots(settings.DataRoots);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls([.. settings.Urls]);
        // A bounded body: a region with millions of vertices is refused by its size before any parsing (413).
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var store = settings.OpenStore();
        // The dashboard middleware only checks that Hangfire is configured. AddHangfire is avoided on
        // purpose: it points Hangfire's process-wide logging at this host's logger factory, which dies
        // with the host. The storage is this server's own, never JobStorage.Current.
        builder.Services.AddSingleton(GlobalConfiguration.Configuration);
        builder.Services.AddSingleton(Hangfire.Dashboard.DashboardRoutes.Routes);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(store.Storage);
        builder.Services.AddSingleton(store.Runs);
        var app = builder.Build();

        if (check is not null)
        {
            // Every path, not only /api and /hangfire: nothing is served to a remote caller without the token.
            app.Use(async (context, next) =>
            {
                if (!check.IsAuthorized(context.Request))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{TokenCheck.Realm}\", Bearer";
                    await context.Response.WriteAsync("authentication required\n");
                    return;
                }
                await next();
            });
        }

        RunsPage.Register();
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            DashboardTitle = "TamRl.Upscale",
            Authorization = [new TokenDashboardAuthorizationFilter(check)],
            AppPath = null,
            StatsPollingInterval = 5000,
        }, store.Storage);
        app.MapGet("/", () => Results.Redirect("/hangfire"));
        RunsApi.Map(app, store, settings.Catalog, roots);
        ProductFiles.Map(app); // the published products of runs' output folders, for the Runs page

        var manager = new RecurringJobManager(store.Storage);
        // Runs stalled by a process that died between a hand-over and its enqueue get their stage job back.
        manager.AddOrUpdate<PipelineJobs>("tamrl-reconcile", j => j.Reconcile(), Cron.Minutely());
        if (settings.SchedulesFolder is { } folder)
        {
            foreach (var schedule in ScheduleDefinition.LoadAll(folder))
                schedule.Register(manager, settings.Catalog, Console.Error.WriteLine);
        }

        PipelineWorker? worker = null;
        if (settings.Workers > 0)
        {
            var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
            lifetime.ApplicationStarted.Register(() =>
                worker = new PipelineWorker(store, settings.Catalog, settings.WorkerTuning with { WorkerCount = settings.Workers }));
            lifetime.ApplicationStopping.Register(() => worker?.Dispose());
        }
        return app;
    }
}
