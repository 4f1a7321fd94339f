using System.Data;
using System.Data.Common;
using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Jobs.Runs;

/// <summary>
/// The run/chunk table in plain SQL that PostgreSQL and SQLite both speak (conditional UPDATE,
/// RETURNING, ON CONFLICT DO NOTHING); the two subclasses supply the connection, the auto-increment
/// column and how a transaction takes the rerun-admission lock.
/// </summary>
public abstract class SqlRunStore : IRunStore
{
    protected abstract DbConnection Open();

    /// <summary>Column definition of an auto-increment primary key.</summary>
    protected abstract string AutoIncrementKey { get; }

    /// <summary>Begins a transaction that serialises run admission (overlap checks) against other writers.</summary>
    protected abstract DbTransaction BeginAdmission(DbConnection connection);

    public void EnsureSchema()
    {
        using var c = Open();
        // Under the admission lock: processes starting together (workers, test projects) would otherwise
        // race PostgreSQL's catalog on "create table if not exists".
        using var tx = BeginAdmission(c);
        Exec(c, tx, $"""
            create table if not exists tamrl_runs (
              id text primary key, pipeline text not null, config text not null, out_dir text not null,
              kind text not null, region text null, period_from text null, period_to text null, parent text null,
              state text not null, stage text not null,
              chunks_total integer not null default 0, chunks_done integer not null default 0,
              waits_for text null, created_ms bigint not null, updated_ms bigint not null);
            create table if not exists tamrl_chunks (
              run text not null, chunk text not null, ord integer not null, state text not null,
              attempts integer not null default 0, worker text null, result text null,
              primary key (run, chunk));
            create table if not exists tamrl_failures (
              id {AutoIncrementKey}, run text not null, stage text not null, chunk text null,
              attempt integer not null, message text not null, at_ms bigint not null);
            """);
        AddColumnIfMissing(c, tx, "tamrl_runs", "stage_job", "text null");
        tx.Commit();
    }

    /// <summary>Adds a column to a table created by an earlier version of this schema.</summary>
    protected abstract void AddColumnIfMissing(DbConnection c, DbTransaction tx, string table, string column, string definition);

    public string CreateRun(RunSpec spec, Stage firstStage, IReadOnlyCollection<string>? chunks = null)
    {
        using var c = Open();
        using var tx = BeginAdmission(c);
        var blocker = FindOverlappingActive(c, tx, spec.OutDir, spec.Id, spec.RegionWkt is null ? null : chunks);
        var state = blocker is null ? RunStates.Active : RunStates.Waiting;
        var now = Now();
        Exec(c, tx, """
            insert into tamrl_runs (id, pipeline, config, out_dir, kind, region, period_from, period_to, parent,
                                    state, stage, waits_for, created_ms, updated_ms)
            values (@id, @pipeline, @config, @out, @kind, @region, @pfrom, @pto, @parent, @state, @stage, @waits, @now, @now)
            """,
            ("id", spec.Id), ("pipeline", spec.Pipeline), ("config", spec.ConfigPath), ("out", spec.OutDir),
            ("kind", spec.Kind), ("region", spec.RegionWkt), ("pfrom", spec.PeriodFrom), ("pto", spec.PeriodTo),
            ("parent", spec.Parent), ("state", state), ("stage", firstStage.Label()), ("waits", blocker), ("now", now));
        if (chunks is not null)
            InsertChunks(c, tx, spec.Id, chunks.ToList());
        tx.Commit();
        return state;
    }

    // A run overlaps an active one on the same output folder when either covers the whole domain or
    // their chunk sets share a chunk. Called inside the admission transaction.
    private string? FindOverlappingActive(DbConnection c, DbTransaction tx, string outDir, string runId, IReadOnlyCollection<string>? chunks)
    {
        var active = Query(c, tx, "select id, region from tamrl_runs where out_dir = @out and state = @active and id <> @id order by created_ms",
            r => (Id: r.GetString(0), Whole: r.IsDBNull(1)), ("out", outDir), ("active", RunStates.Active), ("id", runId));
        foreach (var run in active)
        {
            if (chunks is null || run.Whole)
                return run.Id;
            var theirs = Query(c, tx, "select chunk from tamrl_chunks where run = @id", r => r.GetString(0), ("id", run.Id));
            if (theirs.Intersect(chunks, StringComparer.Ordinal).Any())
                return run.Id;
        }
        return null;
    }

    public RunStatus? Find(string runId)
    {
        using var c = Open();
        return Find(c, null, runId);
    }

    private RunStatus? Find(DbConnection c, DbTransaction? tx, string runId)
    {
        var rows = Query(c, tx, """
            select id, pipeline, config, out_dir, kind, region, period_from, period_to, parent, state, stage,
                   chunks_done, chunks_total, waits_for, created_ms, updated_ms
            from tamrl_runs where id = @id
            """, ReadRun, ("id", runId));
        if (rows.Count == 0)
            return null;
        var failures = Query(c, tx, "select stage, chunk, attempt, message, at_ms from tamrl_failures where run = @id order by id",
            r => new RunFailure(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), Convert.ToInt32(r.GetValue(2)),
                r.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r.GetValue(4)))), ("id", runId));
        return rows[0] with { Failures = failures };
    }

    private static RunStatus ReadRun(DbDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var spec = new RunSpec(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
            S(5), S(6), S(7), S(8));
        return new RunStatus(spec, r.GetString(9), Stages.Parse(r.GetString(10)),
            Convert.ToInt32(r.GetValue(11)), Convert.ToInt32(r.GetValue(12)), S(13),
            DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r.GetValue(14))),
            DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r.GetValue(15))), []);
    }

    public void PlanChunks(string runId, IReadOnlyList<string> chunkIds)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        InsertChunks(c, tx, runId, chunkIds);
        tx.Commit();
    }

    private static void InsertChunks(DbConnection c, DbTransaction tx, string runId, IReadOnlyList<string> chunkIds)
    {
        for (var i = 0; i < chunkIds.Count; i++)
            Exec(c, tx, "insert into tamrl_chunks (run, chunk, ord, state) values (@run, @chunk, @ord, 'pending') on conflict do nothing",
                ("run", runId), ("chunk", chunkIds[i]), ("ord", i));
        Exec(c, tx, """
            update tamrl_runs set chunks_total = (select count(*) from tamrl_chunks where run = @run),
                                  chunks_done = (select count(*) from tamrl_chunks where run = @run and state = 'done'),
                                  updated_ms = @now
            where id = @run
            """, ("run", runId), ("now", Now()));
    }

    public IReadOnlyList<string> ChunkIds(string runId, bool pendingOnly)
    {
        using var c = Open();
        return Query(c, null, "select chunk from tamrl_chunks where run = @run" + (pendingOnly ? " and state <> 'done'" : "") + " order by ord",
            r => r.GetString(0), ("run", runId));
    }

    public bool IsChunkDone(string runId, string chunkId)
    {
        using var c = Open();
        return Query(c, null, "select 1 from tamrl_chunks where run = @run and chunk = @chunk and state = 'done'",
            r => 1, ("run", runId), ("chunk", chunkId)).Count > 0;
    }

    public void ChunkStarted(string runId, string chunkId, string worker)
    {
        using var c = Open();
        Exec(c, null, "update tamrl_chunks set attempts = attempts + 1, worker = @worker, state = 'running' where run = @run and chunk = @chunk and state <> 'done'",
            ("run", runId), ("chunk", chunkId), ("worker", worker));
    }

    public void ChunkStopped(string runId, string chunkId, string worker)
    {
        using var c = Open();
        Exec(c, null, "update tamrl_chunks set state = 'stopped' where run = @run and chunk = @chunk and state = 'running' and worker = @worker",
            ("run", runId), ("chunk", chunkId), ("worker", worker));
    }

    public ChunkCompletion CompleteChunk(string runId, string chunkId, string result)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        var changed = Exec(c, tx, "update tamrl_chunks set state = 'done', result = @result where run = @run and chunk = @chunk and state <> 'done'",
            ("run", runId), ("chunk", chunkId), ("result", result));
        var counts = changed == 1
            ? Query(c, tx, "update tamrl_runs set chunks_done = chunks_done + 1, updated_ms = @now where id = @run returning chunks_done, chunks_total",
                ReadCounts, ("run", runId), ("now", Now()))
            : Query(c, tx, "select chunks_done, chunks_total from tamrl_runs where id = @run", ReadCounts, ("run", runId));
        tx.Commit();
        var (done, total) = counts.Count == 1 ? counts[0] : (0, 0);
        return new ChunkCompletion(changed == 1, done, total);
    }

    private static (int, int) ReadCounts(DbDataReader r) => (Convert.ToInt32(r.GetValue(0)), Convert.ToInt32(r.GetValue(1)));

    public bool TryAdvance(string runId, Stage from, Stage to)
    {
        using var c = Open();
        // stage_job is cleared: the winner records the job it enqueues for the new stage (SetStageJob).
        return Exec(c, null, "update tamrl_runs set stage = @to, stage_job = null, updated_ms = @now where id = @run and stage = @from and state = @active",
            ("run", runId), ("from", from.Label()), ("to", to.Label()), ("now", Now()), ("active", RunStates.Active)) == 1;
    }

    public void SetStageJob(string runId, Stage stage, string jobId)
    {
        using var c = Open();
        Exec(c, null, "update tamrl_runs set stage_job = @job where id = @run and stage = @stage",
            ("run", runId), ("stage", stage.Label()), ("job", jobId));
    }

    public IReadOnlyList<string> FindStalled(TimeSpan age)
    {
        using var c = Open();
        return Query(c, null, """
            select id from tamrl_runs
            where state = @active and stage <> @done and stage_job is null and updated_ms < @before
            order by created_ms
            """, r => r.GetString(0), ("active", RunStates.Active), ("done", Stage.Done.Label()),
            ("before", Now() - (long)age.TotalMilliseconds));
    }

    public void RecordFailure(string runId, Stage stage, string? chunkId, int attempt, string message)
    {
        using var c = Open();
        Exec(c, null, "insert into tamrl_failures (run, stage, chunk, attempt, message, at_ms) values (@run, @stage, @chunk, @attempt, @message, @now)",
            ("run", runId), ("stage", stage.Label()), ("chunk", chunkId), ("attempt", attempt), ("message", message), ("now", Now()));
    }

    public IReadOnlyList<string> Finish(string runId, string state)
    {
        using var c = Open();
        using var tx = BeginAdmission(c);
        Exec(c, tx, "update tamrl_runs set state = @state, updated_ms = @now where id = @run and state = @active",
            ("run", runId), ("state", state), ("now", Now()), ("active", RunStates.Active));
        var started = new List<string>();
        var waiting = Query(c, tx, "select id, out_dir, region is null from tamrl_runs where state = @waiting order by created_ms",
            r => (Id: r.GetString(0), Out: r.GetString(1), Whole: Convert.ToBoolean(r.GetValue(2))), ("waiting", RunStates.Waiting));
        foreach (var run in waiting)
        {
            var chunks = run.Whole ? null : Query(c, tx, "select chunk from tamrl_chunks where run = @id", r => r.GetString(0), ("id", run.Id));
            var blocker = FindOverlappingActive(c, tx, run.Out, run.Id, chunks);
            Exec(c, tx, "update tamrl_runs set state = @state, waits_for = @waits, updated_ms = @now where id = @id",
                ("id", run.Id), ("state", blocker is null ? RunStates.Active : RunStates.Waiting), ("waits", blocker), ("now", Now()));
            if (blocker is null)
                started.Add(run.Id);
        }
        tx.Commit();
        return started;
    }

    public RunStatus? LatestPublished(string outDir)
    {
        using var c = Open();
        var ids = Query(c, null, "select id from tamrl_runs where out_dir = @out and state = @done order by updated_ms desc limit 1",
            r => r.GetString(0), ("out", outDir), ("done", RunStates.Done));
        return ids.Count == 0 ? null : Find(c, null, ids[0]);
    }

    public IReadOnlyList<RunStatus> Recent(int count)
    {
        using var c = Open();
        var ids = Query(c, null, "select id from tamrl_runs order by created_ms desc limit @n", r => r.GetString(0), ("n", count));
        return ids.Select(id => Find(c, null, id)!).ToList();
    }

    public IReadOnlyList<ChunkRow> Chunks(string runId)
    {
        using var c = Open();
        return Query(c, null, "select chunk, state, attempts, worker from tamrl_chunks where run = @run order by ord",
            r => new ChunkRow(r.GetString(0), r.GetString(1), Convert.ToInt32(r.GetValue(2)), r.IsDBNull(3) ? null : r.GetString(3)),
            ("run", runId));
    }

    protected static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    protected static int Exec(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(c, tx, sql, args);
        return cmd.ExecuteNonQuery();
    }

    protected static List<T> Query<T>(DbConnection c, DbTransaction? tx, string sql, Func<DbDataReader, T> read, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(c, tx, sql, args);
        using var reader = cmd.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }

    private static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, (string Name, object? Value)[] args)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            if (value is null)
                p.DbType = DbType.String;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }
}
