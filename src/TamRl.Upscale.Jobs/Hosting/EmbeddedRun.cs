using Hangfire;
using TamRl.Upscale.Jobs.Orchestration;
using TamRl.Upscale.Jobs.Runs;
using TamRl.Upscale.Jobs.Seam;

namespace TamRl.Upscale.Jobs.Hosting;

/// <summary>
/// A whole run on the embedded store inside this process (what `tamrl run` does): a Hangfire server
/// with one worker per core, the run submitted, its progress polled from the run table until it ends.
/// A run of the same output folder left unfinished by a killed process is resumed, not restarted.
/// </summary>
public static class EmbeddedRun
{
    public static RunStatus Execute(string pipeline, string configPath, string outDir, StageCatalog catalog,
        Action<RunStatus>? progress, WorkerTuning? tuning = null, TimeSpan? timeout = null)
    {
        outDir = Path.GetFullPath(outDir);
        configPath = Path.GetFullPath(configPath);
        using var store = JobStore.Embedded(outDir);
        catalog.Resolve(pipeline); // refuse an unknown pipeline before anything starts
        using var worker = new PipelineWorker(store, catalog, tuning ?? WorkerTuning.Fast(Math.Max(1, Environment.ProcessorCount)));
        var submitter = new RunSubmitter(store.Runs, new BackgroundJobClient(store.Storage));
        var unfinished = store.Runs.Recent(20).FirstOrDefault(r =>
            r.Spec.OutDir == outDir && r.Spec.Kind == RunKinds.Run && r.State == RunStates.Active && r.Spec.ConfigPath == configPath);
        string runId;
        if (unfinished is not null)
        {
            submitter.Resume(unfinished.Spec.Id);
            runId = unfinished.Spec.Id;
        }
        else
        {
            runId = submitter.Submit(new RunSpec(RunIdOf(configPath, store.Runs), pipeline, configPath, outDir)).Spec.Id;
        }
        return RunProgress.Wait(store.Runs, runId, TimeSpan.FromMilliseconds(250), progress, timeout);
    }

    /// <summary>
    /// A run id that depends only on the configuration's content (and how many runs of it this output
    /// folder has seen), not on the clock: the run id is written into the products, and the same
    /// configuration and seed must give the same bytes in a fresh folder.
    /// </summary>
    internal static string RunIdOf(string configPath, IRunStore runs)
    {
        var hash = Core.Files.FileHash.Sha256(configPath)[..10];
        var stem = new string(Path.GetFileNameWithoutExtension(configPath).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        var id = $"{RunKinds.Run}-{stem}-{hash}";
        for (var n = 2; runs.Find(id) is not null; n++)
            id = $"{RunKinds.Run}-{stem}-{hash}-{n}";
        return id;
    }
}
