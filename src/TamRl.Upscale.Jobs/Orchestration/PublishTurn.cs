namespace TamRl.Upscale.Jobs.Orchestration;

/// <summary>
/// Publishing into one output folder, one worker at a time: an exclusive lock on <c>OUT/.publish-stage.lock</c>, which
/// the operating system releases the moment its holder dies. It replaces Hangfire's distributed lock, whose row a killed
/// worker cannot delete: the next publication then waited for the storage's 5-minute lock timeout (bench/run.sh faults,
/// round 5). The workers of one deployment share the output folder, so a lock on a file in it reaches all of them.
/// </summary>
public static class PublishTurn
{
    public const string LockFile = ".publish-stage.lock";

    /// <summary>Waits up to <paramref name="wait"/> for the turn; dispose to give it up.</summary>
    /// <exception cref="TimeoutException">Another publication held the folder the whole time.</exception>
    public static IDisposable Take(string outDir, TimeSpan wait)
    {
        Directory.CreateDirectory(outDir);
        var path = Path.Combine(outDir, LockFile);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"{path}: another publication into {outDir} held it for {wait.TotalMinutes:F0} min", e);
            }
        }
    }
}
