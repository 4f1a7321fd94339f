using Npgsql;
using TamRl.Upscale.Jobs.Hosting;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Jobs.Tests.Support;

/// <summary>
/// The local PostgreSQL that scripts/setup-postgres.sh installs and starts (idempotent, fast when it
/// runs already), with a Hangfire schema of this test's own so that tests never see each other's jobs.
/// </summary>
public sealed class LocalPostgres : IDisposable
{
    private static readonly Lazy<string> Connection = new(() =>
        ExternalTool.RunOk(Path.Combine(RepoPaths.Root, "scripts", "setup-postgres.sh"), "--quiet").Trim());

    public LocalPostgres()
    {
        Schema = "hf_test_" + Guid.NewGuid().ToString("N")[..10];
    }

    public static string ConnectionString => Connection.Value;

    public string Schema { get; }

    public PostgresTuning Tuning => new()
    {
        Schema = Schema,
        QueuePollInterval = TimeSpan.FromSeconds(1),
        InvisibilityTimeout = TimeSpan.FromSeconds(8),
    };

    public JobStore Open() => JobStore.PostgreSql(ConnectionString, Tuning);

    public void Dispose()
    {
        try
        {
            using var c = new NpgsqlConnection(ConnectionString);
            c.Open();
            using var cmd = new NpgsqlCommand($"drop schema if exists {Schema} cascade", c);
            cmd.ExecuteNonQuery();
        }
        catch (NpgsqlException) { }
    }
}
