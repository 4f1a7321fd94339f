using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace TamRl.Upscale.Jobs.Runs;

/// <summary>
/// The run/chunk table of the embedded store: one SQLite file beside the outputs (OUT/.tamrl/runs.db),
/// so that `tamrl status` reads a finished or interrupted run and a second `tamrl run` skips what is done.
/// Writers serialise on SQLite's database lock (transactions begin IMMEDIATE; WAL lets readers go on).
/// </summary>
public sealed class SqliteRunStore : SqlRunStore
{
    private readonly string _connectionString;

    public SqliteRunStore(string databasePath)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Pooling = true,
            DefaultTimeout = 30, // also how long a writer waits for SQLite's lock
        }.ToString();
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "pragma journal_mode = wal;";
        cmd.ExecuteNonQuery();
    }

    public string DatabasePath { get; }

    /// <summary>The run table of an output folder of the embedded store.</summary>
    public static SqliteRunStore ForOutput(string outDir) => new(Path.Combine(Path.GetFullPath(outDir), ".tamrl", "runs.db"));

    protected override string AutoIncrementKey => "integer primary key autoincrement";

    protected override DbConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }

    protected override void AddColumnIfMissing(DbConnection c, DbTransaction tx, string table, string column, string definition)
    {
        using var check = c.CreateCommand();
        check.Transaction = tx;
        check.CommandText = $"select count(*) from pragma_table_info('{table}') where name = '{column}'";
        if (Convert.ToInt64(check.ExecuteScalar()) > 0)
            return;
        using var alter = c.CreateCommand();
        alter.Transaction = tx;
        alter.CommandText = $"alter table {table} add column {column} {definition}";
        alter.ExecuteNonQuery();
    }

    // Microsoft.Data.Sqlite begins transactions IMMEDIATE: the write lock is taken at once.
    protected override DbTransaction BeginAdmission(DbConnection connection) => connection.BeginTransaction();
}
