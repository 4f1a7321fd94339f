using System.Runtime.ExceptionServices;
using TamRl.Upscale.Model.TamRl;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Training;

/// <summary>
/// Trains an ensemble of members that differ only in their seed, each with its own checkpoint folder
/// (<c>CHECKPOINTS/member_NN</c>) so an interrupted ensemble resumes member by member. Up to
/// <see cref="TrainingOptions.ParallelMembers"/> members train at once, each on a thread of its own: a member's
/// weights depend on its seed alone (<see cref="MemberTrainer"/>), so the result is the same at any parallelism.
/// </summary>
public sealed class EnsembleTrainer
{
    /// <summary>Room for libtorch's backward pass on a training thread, as on the process's main thread.</summary>
    private const int TrainingThreadStack = 16 * 1024 * 1024;

    private readonly MemberTrainer trainer;
    private readonly int parallel;

    public EnsembleTrainer(EncodedSites sites, IReadOnlyList<int> trainSites, TrainingOptions options, Device device, float[]? siteWeights = null)
    {
        if (options.ParallelMembers < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.ParallelMembers, "training.parallelMembers is 1 or more");
        trainer = new MemberTrainer(sites, trainSites, options, device, siteWeights);
        parallel = options.ParallelMembers;
    }

    public IReadOnlyList<TrainedMember> Train(ModelKind kind, IReadOnlyList<int> seeds, string? checkpointRoot = null,
        Action<int, EpochReport>? progress = null, CancellationToken cancel = default)
    {
        var members = new TrainedMember?[seeds.Count];
        var reportGate = new object();
        // The first failure stops the members still training (between batches) and is what the caller sees.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        ExceptionDispatchInfo? firstFailure = null;
        var next = -1;

        void TrainMembers()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < seeds.Count && !failed.IsCancellationRequested)
            {
                var index = i;
                var directory = checkpointRoot is null ? null : Path.Combine(checkpointRoot, ModelKinds.Name(kind), $"member_{i:D2}");
                try
                {
                    members[i] = trainer.Train(kind, seeds[i], directory, r => { lock (reportGate) progress?.Invoke(index, r); }, failed.Token);
                }
                catch (Exception e)
                {
                    lock (reportGate)
                        firstFailure ??= ExceptionDispatchInfo.Capture(e);
                    failed.Cancel();
                }
            }
        }

        var threads = Enumerable.Range(0, Math.Min(parallel, seeds.Count))
            .Select(k => new Thread(TrainMembers, TrainingThreadStack) { Name = $"train-{ModelKinds.Name(kind)}-{k}", IsBackground = true })
            .ToList();
        if (threads.Count <= 1)
            TrainMembers(); // one at a time on the caller's thread, as before parallel members existed
        else
        {
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }
        if (cancel.IsCancellationRequested || firstFailure is not null)
        {
            // The members that finished are no ensemble without the others: their native memory goes now.
            foreach (var member in members)
                member?.Model.Dispose();
            // A cancellation by the caller wins over the members' reactions to it (each sees OperationCanceledException anyway).
            cancel.ThrowIfCancellationRequested();
            firstFailure!.Throw();
        }
        return members.Select(m => m!).ToList();
    }
}
