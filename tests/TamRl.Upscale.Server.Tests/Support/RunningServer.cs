using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.Server;

namespace TamRl.Upscale.Server.Tests.Support;

/// <summary>A real `tamrl server` host (Kestrel on a free port) inside the test process.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    public JobStore Store => (JobStore)_app.Services.GetService(typeof(JobStore))!;

    public static async Task<RunningServer> Start(Func<JobStore> store, string host = "127.0.0.1", string? token = null,
        int workers = 2, string? schedules = null, IReadOnlyList<string>? dataRoots = null)
    {
        var port = FreePort();
        var app = ServerHost.Build(new ServerSettings
        {
            Urls = [$"http://{host}:{port}"],
            OpenStore = store,
            Catalog = Jobs.Synthetic.SyntheticPipeline.Catalog(),
            Token = token,
            Workers = workers,
            WorkerTuning = WorkerTuning.Fast(workers),
            SchedulesFolder = schedules,
            // Tests name configurations and outputs in their temporary folders.
            DataRoots = dataRoots ?? [Path.GetTempPath()],
        });
        await app.StartAsync();
        return new RunningServer(app, port);
    }

    public void UseBearer(string token) => Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
