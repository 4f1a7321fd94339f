using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace TamRl.Upscale.Jobs.Tests.Support;

/// <summary>A job client that records what would be enqueued instead of enqueuing it (to count hand-overs).</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    public ConcurrentQueue<Job> Created { get; } = new();

    public string Create(Job job, IState state)
    {
        Created.Enqueue(job);
        return Created.Count.ToString();
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;

    public IReadOnlyList<string> Describe() =>
        Created.Select(j => j.Method.Name + "(" + string.Join(",", j.Args.Take(j.Args.Count - 1)) + ")").ToList();
}
