using System.Diagnostics;
using TamRl.Upscale.Model.Runtime;
using TamRl.Upscale.Model.TamRl;
using TorchSharp;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Training;

/// <summary>
/// Trains one ensemble member: Adam with a step schedule, early stopping on the temporal hold-out of the
/// training sites, a checkpoint after every epoch. Every random choice derives from the seed and the
/// epoch (weight init, dropout, shuffling, support draws), and the thread count is fixed, so the same
/// seed gives the same weights bit for bit, with or without an interruption and resume in between.
/// TAM-RL's decoder first trains plain for <see cref="TrainingOptions.PretrainEpochs"/> epochs; the
/// early-stopping record starts afresh when the task code switches on, so the kept model is modulated.
/// </summary>
public sealed class MemberTrainer
{
    private readonly EncodedSites sites;
    private readonly TrainingOptions options;
    private readonly Device device;
    private readonly List<Window> fitWindows;
    private readonly List<Window> holdoutWindows;
    private readonly BatchBuilder builder;
    private readonly string[] trainSiteIds;
    private readonly float[] siteWeights;

    /// <param name="siteWeights">Per-site loss weights (<see cref="ClassWeights"/>); null: the paper's inverse class frequency.</param>
    public MemberTrainer(EncodedSites sites, IReadOnlyList<int> trainSites, TrainingOptions options, Device device, float[]? siteWeights = null)
    {
        if (trainSites.Count == 0)
            throw new ArgumentException("no training sites");
        this.sites = sites;
        this.options = options;
        trainSiteIds = trainSites.Select(s => sites.Data.SiteIds[s]).ToArray();
        this.device = device;
        var data = sites.Data;
        (fitWindows, holdoutWindows) = WindowPlan.TemporalSplit(trainSites, s => (data.ValidFrom[s], data.ValidTo[s]), options.WindowLength, options.WindowStride, options.HoldoutFraction);
        fitWindows = fitWindows.Where(HasTargets).ToList();
        holdoutWindows = holdoutWindows.Where(HasTargets).ToList();
        if (fitWindows.Count == 0)
            throw new ArgumentException("the training sites hold no window with observed fluxes");
        builder = new BatchBuilder(sites, options.WindowLength, options.SupportWindows, this.siteWeights = siteWeights ?? ClassWeights.PerSite(sites.Data, trainSites), device, options.TrainWarmupDays,
            options.SeasonBalance ? SeasonWeights.PerDay(sites.Data, trainSites) : null);
    }

    public int FitWindowCount => fitWindows.Count;

    /// <summary>
    /// What a checkpoint must have been trained with to be resumed: options, sites, period, features and the targets
    /// themselves (a dataset re-extracted with other target columns must not resume). Inference-only options (the
    /// decoder warm-up) are left out, so changing them reuses the trained members.
    /// </summary>
    private string fingerprint
    {
        get
        {
            var json = System.Text.Json.JsonSerializer.SerializeToNode(options)!.AsObject();
            json.Remove(nameof(TrainingOptions.WarmupDays));
            json.Remove(nameof(TrainingOptions.Balance));
            json.Remove(nameof(TrainingOptions.ParallelMembers)); // how many train at once changes no member's weights
            if (options.ClassWeights == "equal")
                json.Remove(nameof(TrainingOptions.ClassWeights)); // the default before the option existed: older checkpoints resume
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
                json.ToJsonString() + "|" + string.Join(",", trainSiteIds) + "|" + sites.Data.Days + "|" + sites.Data.FirstDay.DayNumber +
                "|" + string.Join(",", sites.Data.FeatureNames) + "|" + TargetsDigest() + WeightsDigest())))[..16];
        }
    }

    /// <summary>The land-representative weights depend on a land map the options do not hold: their values enter the fingerprint (nothing for the paper's weights, so older checkpoints resume).</summary>
    private string WeightsDigest() => options.ClassWeights == "equal" ? "" :
        "|" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(siteWeights.AsSpan())));

    /// <summary>A digest of the training sites' targets and QC, so that other target columns give another fingerprint.</summary>
    private string TargetsDigest()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var data = sites.Data;
        foreach (var id in trainSiteIds)
        {
            var s = data.IndexOf(id);
            foreach (var series in new[] { data.Gpp, data.Reco, data.Nee, data.Qc })
                hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(series.AsSpan(s * data.Days, data.Days)));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private bool HasTargets(Window w)
    {
        var data = sites.Data;
        for (var t = 0; t < options.WindowLength; t++)
        {
            var i = w.Site * data.Days + w.Start + t;
            if (data.Qc[i] > 0 && !(float.IsNaN(data.Gpp[i]) && float.IsNaN(data.Reco[i]) && float.IsNaN(data.Nee[i])))
                return true;
        }
        return false;
    }

    public TrainedMember Train(ModelKind kind, int seed, string? checkpointDirectory = null, Action<EpochReport>? progress = null, CancellationToken cancel = default)
    {
        // Weight initialisation draws from libtorch's process-wide generator: the seed only decides the weights if nobody
        // else draws from it meanwhile, so it is held for the build alone. Dropout then draws from the member's own
        // generator, so members of one ensemble can train at the same time (EnsembleTrainer) and still each depend on
        // their seed alone.
        FluxSequenceModel model;
        using (TorchRuntime.HoldGlobalRandomState())
        {
            TorchRuntime.SetThreads(options.Threads);
            TorchRuntime.Seed(seed);
            model = options.Architecture(kind, sites.Encoding).Build();
        }
        try
        {
            return TrainBuilt(model, kind, seed, checkpointDirectory, progress, cancel);
        }
        catch
        {
            // A failed or cancelled member's weights are nobody's: free their native memory now, not at finalisation
            // (a long-lived worker retries the stage).
            model.Dispose();
            throw;
        }
    }

    private TrainedMember TrainBuilt(FluxSequenceModel model, ModelKind kind, int seed, string? checkpointDirectory,
        Action<EpochReport>? progress, CancellationToken cancel)
    {
        model.to(device);
        // A CPU generator whatever the device: TorchSharp 0.107 makes every Generator on the CPU (SeededDropout draws there
        // and moves the mask to the model's device).
        using var dropoutDraws = new Generator((ulong)seed, CPU);
        model.DrawDropoutFrom(dropoutDraws);
        // Disposed on return: its state (twice the model) is native memory a long-lived worker should not leave to finalizers.
        using var optimizer = new HeldScalarOptim.Adam(model.parameters(), options.LearningRate);
        var state = new CheckpointState { Seed = seed, Model = ModelKinds.Name(kind), Fingerprint = fingerprint };
        byte[]? best = null;

        if (checkpointDirectory is not null)
        {
            Directory.CreateDirectory(checkpointDirectory);
            var saved = CheckpointState.TryLoad(checkpointDirectory);
            if (saved is not null)
            {
                if (saved.Seed != seed || saved.Model != state.Model || saved.Fingerprint != fingerprint)
                    throw new Core.Errors.InvalidInputException(Path.Combine(checkpointDirectory, CheckpointState.StateFile), null,
                        $"this checkpoint belongs to {saved.Model} seed {saved.Seed} trained with other options or sites, not {state.Model} seed {seed} " +
                        "with the current ones; delete the checkpoint folder to start afresh");
                state = saved;
                model.load(Path.Combine(checkpointDirectory, CheckpointState.ModelFile));
                optimizer.load_state_dict(Path.Combine(checkpointDirectory, CheckpointState.OptimizerFile));
                var bestPath = Path.Combine(checkpointDirectory, CheckpointState.BestFile);
                if (File.Exists(bestPath))
                    best = File.ReadAllBytes(bestPath);
            }
        }

        var pretrain = kind == ModelKind.TamRl ? Math.Min(options.PretrainEpochs, Math.Max(options.Epochs - 1, 0)) : 0;
        var usesSupport = kind == ModelKind.TamRl;
        for (var epoch = state.NextEpoch; epoch < options.Epochs && !state.Finished; epoch++)
        {
            cancel.ThrowIfCancellationRequested();
            var modulated = epoch >= pretrain;
            if (model is TamRlModel tamRl)
                tamRl.Modulated = modulated;
            if (kind == ModelKind.TamRl && epoch == pretrain && pretrain > 0)
                state = state with { BestHoldoutLoss = double.PositiveInfinity, BestEpoch = -1, EpochsWithoutImprovement = 0 };

            var clock = Stopwatch.StartNew();
            SetLearningRate(optimizer, options.LearningRate * Math.Pow(options.LearningRateGamma, epoch / Math.Max(options.LearningRateStep, 1)));
            dropoutDraws.manual_seed(Mix(seed, epoch, 1));
            var rng = new Random(Mix(seed, epoch, 2));
            var order = fitWindows.OrderBy(_ => rng.Next()).ToList();
            var batches = Batches(order, options.BatchSize).ToList();
            if (options.MaxBatchesPerEpoch > 0)
                batches = batches.Take(options.MaxBatchesPerEpoch).ToList();

            model.train();
            double fitSum = 0;
            foreach (var windows in batches)
            {
                // Between batches, never inside a libtorch call: a worker stopping (SIGTERM) must not leave the process
                // exiting under a running tensor op (a libtorch "toFloat" error was seen so). The epoch is redone on resume.
                cancel.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var batch = builder.Build(windows, usesSupport, rng);
                optimizer.zero_grad();
                var physical = FluxOutputs.ToPhysical(model.forward(batch.Inputs), sites.Encoding.Targets);
                var loss = FluxLoss.Compute(physical, batch, sites.Encoding.Targets, options.Lambda, options.WindowMeanWeight);
                loss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), 1.0);
                optimizer.step();
                fitSum += loss.item<float>();
            }
            var fitLoss = fitSum / Math.Max(batches.Count, 1);
            var holdoutLoss = holdoutWindows.Count > 0 ? Evaluate(model, holdoutWindows, usesSupport, seed) : fitLoss;

            var improved = holdoutLoss < state.BestHoldoutLoss;
            if (improved)
                best = Snapshot(model);
            var report = new EpochReport(epoch, fitLoss, holdoutLoss, clock.Elapsed.TotalSeconds, improved, modulated);
            var bad = improved ? 0 : state.EpochsWithoutImprovement + 1;
            state = state with
            {
                NextEpoch = epoch + 1,
                BestEpoch = improved ? epoch : state.BestEpoch,
                BestHoldoutLoss = improved ? holdoutLoss : state.BestHoldoutLoss,
                EpochsWithoutImprovement = bad,
                Finished = (bad >= options.Patience && modulated) || epoch + 1 >= options.Epochs,
                History = [.. state.History, report],
            };
            progress?.Invoke(report);
            if (checkpointDirectory is not null)
                SaveCheckpoint(checkpointDirectory, model, optimizer, best, state);
        }

        if (best is not null)
            model.load(new MemoryStream(best));
        model.eval();
        // The generator is disposed on return; a model left pointing at it would draw from libtorch's shared one without a word.
        model.DrawDropoutFrom(null);
        return new TrainedMember(model, seed, state.BestEpoch, state.BestHoldoutLoss, state.History);
    }

    /// <summary>The mean loss over windows, in evaluation mode, with support draws fixed by the seed.</summary>
    private double Evaluate(FluxSequenceModel model, List<Window> windows, bool usesSupport, int seed)
    {
        model.eval();
        var rng = new Random(Mix(seed, -1, 3));
        double sum = 0;
        var count = 0;
        using var noGrad = no_grad();
        foreach (var chunk in Batches(windows, options.BatchSize))
        {
            using var scope = NewDisposeScope();
            var batch = builder.Build(chunk, usesSupport, rng);
            var physical = FluxOutputs.ToPhysical(model.forward(batch.Inputs), sites.Encoding.Targets);
            sum += FluxLoss.Compute(physical, batch, sites.Encoding.Targets, options.Lambda, options.WindowMeanWeight).item<float>() * chunk.Count;
            count += chunk.Count;
        }
        return sum / Math.Max(count, 1);
    }

    private static byte[] Snapshot(FluxSequenceModel model)
    {
        var stream = new MemoryStream();
        model.save(stream);
        return stream.ToArray();
    }

    private static void SaveCheckpoint(string directory, FluxSequenceModel model, TorchSharp.Modules.OptimizerHelper optimizer, byte[]? best, CheckpointState state)
    {
        // Weights first, the state file last: a crash in between resumes from the previous state file's
        // epoch with newer weights, so each weight file is replaced by rename only once complete.
        void Replace(string name, Action<string> write) => IO.Files.AtomicFile.Write(Path.Combine(directory, name), write);
        Replace(CheckpointState.ModelFile, p => model.save(p));
        Replace(CheckpointState.OptimizerFile, p => optimizer.save_state_dict(p));
        if (best is not null)
            Replace(CheckpointState.BestFile, p => File.WriteAllBytes(p, best));
        state.Save(directory);
    }

    private static void SetLearningRate(optim.Optimizer optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups)
            group.LearningRate = rate;
    }

    private static IEnumerable<List<Window>> Batches(List<Window> windows, int size)
    {
        for (var i = 0; i < windows.Count; i += size)
            yield return windows.GetRange(i, Math.Min(size, windows.Count - i));
    }

    /// <summary>A deterministic 31-bit seed from the member seed, the epoch and a stream number.</summary>
    internal static int Mix(int seed, int epoch, int stream)
    {
        unchecked
        {
            var h = (uint)seed * 0x9E3779B1u ^ (uint)epoch * 0x85EBCA77u ^ (uint)stream * 0xC2B2AE3Du;
            h ^= h >> 15;
            h *= 0x2C1B3C6Du;
            h ^= h >> 12;
            return (int)(h & 0x7FFFFFFF);
        }
    }
}
