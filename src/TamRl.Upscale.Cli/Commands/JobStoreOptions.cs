using System.CommandLine;
using TamRl.Upscale.Jobs.Hosting;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>
/// The job-store options the orchestration verbs share: --postgres (or TAMRL_POSTGRES) for the shared
/// PostgreSQL store, else the embedded store of an output or state folder.
/// </summary>
internal sealed class JobStoreOptions
{
    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "PostgreSQL connection string of the shared job store (default: $TAMRL_POSTGRES).",
    };

    public Option<string> Schema { get; } = new("--schema")
    {
        Description = "Hangfire's schema in that database.",
        DefaultValueFactory = _ => "hangfire",
    };

    public Option<int> InvisibilitySeconds { get; } = new("--invisibility-timeout")
    {
        Description = "Seconds after which a job of a dead worker runs again elsewhere (sliding while its worker lives).",
        DefaultValueFactory = _ => 300,
    };

    public Option<double> PollSeconds { get; } = new("--poll")
    {
        Description = "Seconds between polls for queued (fallback to long polling), scheduled and retried jobs.",
        DefaultValueFactory = _ => 5,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Postgres);
        command.Options.Add(Schema);
        command.Options.Add(InvisibilitySeconds);
        command.Options.Add(PollSeconds);
    }

    public string? ConnectionString(ParseResult parse) =>
        parse.GetValue(Postgres) ?? (Environment.GetEnvironmentVariable("TAMRL_POSTGRES") is { Length: > 0 } env ? env : null);

    /// <summary>The PostgreSQL store, or the embedded one of <paramref name="stateDir"/> when no connection string is given.</summary>
    public JobStore Open(ParseResult parse, string? stateDir)
    {
        if (ConnectionString(parse) is { } cs)
            return JobStore.PostgreSql(cs, new PostgresTuning
            {
                Schema = parse.GetValue(Schema)!,
                QueuePollInterval = TimeSpan.FromSeconds(parse.GetValue(PollSeconds)),
                InvisibilityTimeout = TimeSpan.FromSeconds(parse.GetValue(InvisibilitySeconds)),
            });
        if (stateDir is null)
            throw new Core.Errors.TamRlException("no job store: give --postgres (or set TAMRL_POSTGRES), or the output folder of an embedded run");
        return JobStore.Embedded(stateDir);
    }

    public WorkerTuning Tuning(ParseResult parse, int workers, string? name = null)
    {
        var poll = TimeSpan.FromSeconds(parse.GetValue(PollSeconds));
        var invisibility = TimeSpan.FromSeconds(parse.GetValue(InvisibilitySeconds));
        return new WorkerTuning
        {
            Name = name,
            WorkerCount = workers,
            SchedulePollingInterval = poll,
            // Heartbeats well inside the invisibility timeout: the sliding timeout is renewed by them.
            HeartbeatInterval = TimeSpan.FromSeconds(Math.Clamp(invisibility.TotalSeconds / 6, 1, 30)),
            ServerCheckInterval = TimeSpan.FromSeconds(Math.Clamp(invisibility.TotalSeconds / 3, 1, 60)),
            ServerTimeout = TimeSpan.FromSeconds(Math.Clamp(invisibility.TotalSeconds, 5, 300)),
            // SIGTERM: a chunk in hand may finish, training stops at its next batch (a service manager's usual grace is 30 s+).
            ShutdownTimeout = TimeSpan.FromSeconds(25),
        };
    }
}
