using System.Data.Common;
using Npgsql;

namespace TamRl.Upscale.Jobs.Runs;

/// <summary>
/// The run/chunk table in the PostgreSQL database that holds Hangfire's job store (tables tamrl_*
/// beside Hangfire's schema). Row locks of the conditional UPDATEs make fan-in exact under
/// concurrency; run admission takes a transaction-scoped advisory lock.
/// </summary>
public sealed class PostgresRunStore : SqlRunStore
{
    // An arbitrary, fixed key: every admission (run creation, run finish) serialises on it.
    private const long AdmissionLockKey = 0x7A4D_0007;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresRunStore(string connectionString) => _dataSource = NpgsqlDataSource.Create(connectionString);

    protected override string AutoIncrementKey => "bigserial primary key";

    protected override DbConnection Open() => _dataSource.OpenConnection();

    protected override void AddColumnIfMissing(DbConnection c, DbTransaction tx, string table, string column, string definition)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"alter table {table} add column if not exists {column} {definition}";
        cmd.ExecuteNonQuery();
    }

    protected override DbTransaction BeginAdmission(DbConnection connection)
    {
        var tx = connection.BeginTransaction();
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"select pg_advisory_xact_lock({AdmissionLockKey})";
        cmd.ExecuteNonQuery();
        return tx;
    }
}
