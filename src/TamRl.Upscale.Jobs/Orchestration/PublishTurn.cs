using TamRl.Upscale.Core.Files;

namespace TamRl.Upscale.Jobs.Orchestration;

/// <summary>
/// Publishing into one output folder, one worker at a time: an <see cref="ExclusiveFileLock"/> on
/// <c>OUT/.publish-stage.lock</c>, released the moment its holder dies. It replaces Hangfire's distributed lock, whose
/// row a killed worker cannot delete: the next publication then waited for the storage's 5-minute lock timeout
/// (bench/run.sh faults, round 5). The workers of one deployment share the output folder, so a lock on a file in it
/// reaches all of them.
/// </summary>
public static class PublishTurn
{
    public const string LockFile = ".publish-stage.lock";

    /// <summary>Waits up to <paramref name="wait"/> for the turn; dispose to give it up.</summary>
    /// <exception cref="TimeoutException">Another publication held the folder the whole time (the message names the lock file).</exception>
    public static IDisposable Take(string outDir, TimeSpan wait)
    {
        Directory.CreateDirectory(outDir);
        return ExclusiveFileLock.Take(Path.Combine(outDir, LockFile), wait);
    }
}
