using System.CommandLine;
using TamRl.Upscale.Server;
using TamRl.Upscale.Server.Security;

namespace TamRl.Upscale.Cli.Commands;

/// <summary><c>tamrl server</c>: Hangfire server, dashboard at /hangfire, HTTP API, recurring regenerations.</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        var store = new JobStoreOptions();
        var urls = new Option<string[]>("--urls")
        {
            Description = "Where to listen. Anything but loopback requires a token (TAMRL_API_TOKEN or --token-file).",
            DefaultValueFactory = _ => ["http://127.0.0.1:5080"],
            AllowMultipleArgumentsPerToken = true,
        };
        var tokenFile = new Option<string?>("--token-file") { Description = "File whose first line is the API and dashboard token." };
        var state = new Option<string>("--state")
        {
            Description = "Folder of the embedded store's run table when no --postgres is given.",
            DefaultValueFactory = _ => "tamrl-state",
        };
        var workers = new Option<int>("--workers") { Description = "Worker threads in this process (0: dashboard and API only).", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var schedules = new Option<string?>("--schedules")
        {
            Description = "Folder of *.schedule.json recurring regenerations to register.",
            DefaultValueFactory = _ => Directory.Exists("jobs") ? "jobs" : null,
        };
        var dataRoots = new Option<string[]>("--data-root")
        {
            Description = "A folder API requests may name configurations and outputs in (repeatable; default the working folder). Other paths, '..' and links out of them are refused.",
            DefaultValueFactory = _ => [Directory.GetCurrentDirectory()],
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("server", "Run the Hangfire server with its dashboard (/hangfire) and the HTTP API (/api).")
        {
            urls, tokenFile, state, workers, schedules, dataRoots,
        };
        store.AddTo(command);
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            var app = ServerHost.Build(new ServerSettings
            {
                Urls = parse.GetValue(urls)!,
                OpenStore = () => store.Open(parse, parse.GetValue(state)),
                Catalog = Catalog.Create(),
                Token = TokenCheck.Load(parse.GetValue(tokenFile)),
                Workers = parse.GetValue(workers),
                WorkerTuning = store.Tuning(parse, parse.GetValue(workers)),
                SchedulesFolder = parse.GetValue(schedules),
                DataRoots = parse.GetValue(dataRoots)!,
            });
            Console.Out.WriteLine($"tamrl server on {string.Join(", ", parse.GetValue(urls)!)}: dashboard /hangfire, API /api");
            Console.Out.Flush();
            app.Run();
            return 0;
        }));
        return command;
    }
}
