using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Jobs.Tests.Runs;

public sealed class SqliteRunStoreTests : RunStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new("tamrl-runstore");
    private readonly SqliteRunStore _store;

    public SqliteRunStoreTests()
    {
        _store = SqliteRunStore.ForOutput(_dir.Path);
        _store.EnsureSchema();
    }

    protected override IRunStore Store => _store;

    [Fact]
    public void The_table_lives_under_the_output_folder_and_outlives_the_store_object()
    {
        Store.CreateRun(new("kept", "synthetic", "/c.json", "/o"), Stage.Ingest);
        Assert.True(File.Exists(Path.Combine(_dir.Path, ".tamrl", "runs.db")));
        Assert.NotNull(SqliteRunStore.ForOutput(_dir.Path).Find("kept"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
