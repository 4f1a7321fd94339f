using Npgsql;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Seam;
using TamRl.Upscale.Jobs.Tests.Support;

namespace TamRl.Upscale.Jobs.Tests.Runs;

/// <summary>
/// The same contract against the real local PostgreSQL (scripts/setup-postgres.sh). The run table is the cluster's
/// own, which a local server or bench reads too: each test deletes the runs it made, or a server's reconciler would
/// take them for live runs and re-enqueue their stages.
/// </summary>
public sealed class PostgresRunStoreTests : RunStoreContract, IDisposable
{
    private readonly PostgresRunStore _store;

    public PostgresRunStoreTests()
    {
        _store = new PostgresRunStore(LocalPostgres.ConnectionString);
        _store.EnsureSchema();
    }

    protected override IRunStore Store => _store;

    [Fact]
    public void Dispose_DeletesTheRunsTheTestMade_SoNoServerOnTheClusterTakesThemForLiveRuns()
    {
        var spec = new RunSpec($"t-{Guid.NewGuid():N}", "synthetic", "/cfg.json", "/out/" + Guid.NewGuid());
        Store.CreateRun(spec, Stage.Infer);
        Store.PlanChunks(spec.Id, ["a"]);
        CreatedRuns.Add(spec.Id);
        Assert.NotNull(Store.Find(spec.Id));
        Dispose();
        Assert.Null(Store.Find(spec.Id));
        Assert.Empty(Store.ChunkIds(spec.Id, pendingOnly: false));
    }

    public void Dispose()
    {
        using var connection = new NpgsqlConnection(LocalPostgres.ConnectionString);
        connection.Open();
        foreach (var table in new[] { ("tamrl_chunks", "run"), ("tamrl_failures", "run"), ("tamrl_runs", "id") })
        {
            using var delete = new NpgsqlCommand($"delete from {table.Item1} where {table.Item2} = any(@ids)", connection);
            delete.Parameters.AddWithValue("ids", CreatedRuns.ToArray());
            delete.ExecuteNonQuery();
        }
    }
}
