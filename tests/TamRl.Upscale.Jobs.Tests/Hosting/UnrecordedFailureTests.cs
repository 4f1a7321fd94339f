using System.Reflection;
using System.Runtime.ExceptionServices;
using Hangfire;
using Npgsql;
using TamRl.Upscale.Jobs.Orchestration;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Synthetic;
using TamRl.Upscale.Jobs.Tests.Support;

namespace TamRl.Upscale.Jobs.Tests.Hosting;

/// <summary>
/// A job that fails because PostgreSQL went away cannot record its failure in the run table then; Hangfire records it and
/// retries. The retried attempt copies the failure into the run table, so `tamrl status` shows it (issue 17; before, the
/// faults bench's PostgreSQL restart left two failed attempts in Hangfire and none in the run table).
/// </summary>
public sealed class UnrecordedFailureTests : IDisposable
{
    private readonly SyntheticWorld _world = new(chunkDegrees: 90);
    private readonly LocalPostgres _pg = new();
    private readonly List<string> _runIds = [];

    [Fact]
    public void AChunkFailingBecauseTheDatabaseWentAway_IsInTheRunTableFromItsNextAttempt_WithHangfiresMessage()
    {
        using var store = _pg.Open();
        // The first chunk to start finds the database gone: the run-table call throws, as Npgsql's 57P01 did in the bench.
        var runs = FlakyRunStore.Create(store.Runs, nameof(IRunStore.ChunkStarted), () => new NpgsqlException("57P01: terminating connection due to administrator command"));
        var spec = _world.Spec(RunSubmitter.NewRunId("run"));
        _runIds.Add(spec.Id);
        using (new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = 2,
            Activator = new PipelineJobActivator(runs, SyntheticPipeline.Catalog(), store.Storage),
            SchedulePollingInterval = TimeSpan.FromMilliseconds(200),
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        }, store.Storage))
        {
            new RunSubmitter(store.Runs, new BackgroundJobClient(store.Storage)).Submit(spec);
            var done = RunProgress.Wait(store.Runs, spec.Id, TimeSpan.FromMilliseconds(100), null, TimeSpan.FromSeconds(60));
            Assert.True(done.State == RunStates.Done, done.Summary);
        }

        var failure = Assert.Single(store.Runs.Find(spec.Id)!.Failures);
        Assert.Equal("infer", failure.Stage);
        Assert.NotNull(failure.Chunk);
        Assert.Equal(1, failure.Attempt);
        Assert.StartsWith("NpgsqlException: 57P01: terminating connection", failure.Message);
        Assert.Contains("recorded by the next attempt", failure.Message);
        Assert.Equal(1, store.Storage.GetMonitoringApi().JobDetails(FailedJobOf(store)).History.Count(h => h.StateName == "Failed"));
    }

    private static string FailedJobOf(TamRl.Upscale.Jobs.Hosting.JobStore store) =>
        store.Storage.GetMonitoringApi().SucceededJobs(0, 100)
            .Select(j => j.Key)
            .Single(id => store.Storage.GetMonitoringApi().JobDetails(id).History.Any(h => h.StateName == "Failed"));

    public void Dispose()
    {
        // The run table is shared by every test of this cluster (and the faults bench, whose reconciler would re-enqueue an
        // active run left here): remove this test's rows.
        try
        {
            using var connection = new NpgsqlConnection(LocalPostgres.ConnectionString);
            connection.Open();
            foreach (var (table, column) in new[] { ("tamrl_chunks", "run"), ("tamrl_failures", "run"), ("tamrl_runs", "id") })
            {
                using var delete = new NpgsqlCommand($"delete from {table} where {column} = any(@ids)", connection);
                delete.Parameters.AddWithValue("ids", _runIds.ToArray());
                delete.ExecuteNonQuery();
            }
        }
        catch (NpgsqlException) { }
        _pg.Dispose();
        _world.Dispose();
    }
}

/// <summary>A run store whose first call of one method throws (the database went away), every other call passed through.</summary>
public class FlakyRunStore : DispatchProxy
{
    private IRunStore _inner = null!;
    private string _method = "";
    private Func<Exception> _error = null!;
    private int _thrown;

    public static IRunStore Create(IRunStore inner, string method, Func<Exception> error)
    {
        var proxy = Create<IRunStore, FlakyRunStore>();
        var flaky = (FlakyRunStore)(object)proxy;
        (flaky._inner, flaky._method, flaky._error) = (inner, method, error);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (method!.Name == _method && Interlocked.Exchange(ref _thrown, 1) == 0)
            throw _error();
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
