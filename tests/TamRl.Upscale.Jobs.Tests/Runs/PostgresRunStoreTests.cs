using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Tests.Support;

namespace TamRl.Upscale.Jobs.Tests.Runs;

/// <summary>The same contract against the real local PostgreSQL (scripts/setup-postgres.sh).</summary>
public sealed class PostgresRunStoreTests : RunStoreContract
{
    private readonly PostgresRunStore _store;

    public PostgresRunStoreTests()
    {
        _store = new PostgresRunStore(LocalPostgres.ConnectionString);
        _store.EnsureSchema();
    }

    protected override IRunStore Store => _store;
}
