using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using TamRl.Upscale.Jobs.Runs;

namespace TamRl.Upscale.Jobs.Hosting;

/// <summary>
/// Hangfire's job storage together with the run/chunk table. PostgreSQL in production (both in one
/// database, so workers on other machines share them); the embedded store for one machine is
/// Hangfire.InMemory for the queue and a SQLite run table under the output folder (docs/orchestration.md
/// says why).
/// </summary>
public sealed class JobStore : IDisposable
{
    private JobStore(JobStorage storage, IRunStore runs, string description)
    {
        Storage = storage;
        Runs = runs;
        Description = description;
        runs.EnsureSchema();
    }

    public JobStorage Storage { get; }

    public IRunStore Runs { get; }

    public string Description { get; }

    public static JobStore Embedded(string outDir) =>
        new(new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) }),
            SqliteRunStore.ForOutput(outDir), $"embedded ({Path.GetFullPath(outDir)})");

    public static JobStore PostgreSql(string connectionString, PostgresTuning? tuning = null)
    {
        tuning ??= new PostgresTuning();
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = tuning.Schema,
            PrepareSchemaIfNecessary = true,
            // Without long polling on both sides a job enqueued by another process waits for the next
            // queue poll (15 s by default): measured, DESIGN.md §8.
            EnableLongPolling = true,
            QueuePollInterval = tuning.QueuePollInterval,
            // A killed worker's job becomes visible again after this; the sliding timeout keeps a long
            // job alive while its worker lives, so the timeout can be short.
            InvisibilityTimeout = tuning.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            DistributedLockTimeout = TimeSpan.FromMinutes(5),
        };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        return new JobStore(storage, new PostgresRunStore(connectionString), $"PostgreSQL (schema {tuning.Schema})");
    }

    public void Dispose() => (Storage as IDisposable)?.Dispose();
}

/// <summary>Settings of the PostgreSQL job store that tests shorten.</summary>
public sealed record PostgresTuning
{
    public string Schema { get; init; } = "hangfire";

    public TimeSpan QueuePollInterval { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan InvisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
