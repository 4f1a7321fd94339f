namespace TamRl.Upscale.Core.Files;

/// <summary>
/// An exclusive lock on a file (FileShare.None, flock(2) on Linux) taken in turns: the operating system releases it the
/// moment its holder closes it or dies, so a killed process never leaves a folder locked. Used wherever processes of
/// one deployment must take turns on a shared folder (publication).
/// </summary>
public static class ExclusiveFileLock
{
    /// <summary>Waits up to <paramref name="wait"/> for the lock on <paramref name="path"/> (created if absent); dispose to release.</summary>
    /// <exception cref="TimeoutException">Another holder kept it the whole time; the message names the file.</exception>
    public static IDisposable Take(string path, TimeSpan wait)
    {
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
                throw new TimeoutException($"{path}: held by another process for {wait.TotalMinutes:F1} min", e);
            }
        }
    }
}
