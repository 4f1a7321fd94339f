namespace TamRl.Upscale.IO.Files;

/// <summary>
/// Replaces a whole output folder (a stage's result, the sample world, the evaluation reports) by a complete new one
/// written in a staging folder beside it: a reader sees the old folder or the new one, and a writer that fails or is
/// killed before the swap leaves the old folder as it was. The folder counterpart of <see cref="AtomicFile"/>; published
/// products and model bundles are versioned folders behind an <see cref="AtomicLink"/> instead.
/// </summary>
/// <remarks>
/// Where the file system allows it the two folders are exchanged in one step (renameat2 RENAME_EXCHANGE) and the old
/// one, now under the staging name, is deleted. Elsewhere the old folder is renamed to <see cref="BackupOf"/> first, the
/// new one moved in next, and the backup deleted: a crash between the two renames leaves the target missing and the
/// backup beside it, which <see cref="Recover"/> (run first by every <see cref="Replace"/>) moves back. One swap of a
/// target at a time: a second one started meanwhile fails without losing either folder.
/// </remarks>
public static class FolderSwap
{
    /// <summary>
    /// A hidden staging folder name beside <paramref name="target"/> (".NAME.staging-PID-GUID", same file system, so the
    /// swap is a rename); not created. A killed writer leaves it behind: hidden, never read, safe to delete.
    /// </summary>
    public static string StagingBeside(string target)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.staging-{Environment.ProcessId}-{Guid.NewGuid():N}");
    }

    /// <summary>
    /// Lets <paramref name="fill"/> write a new folder (the staging folder whose path it is given, created empty) and
    /// swaps it in for <paramref name="target"/> (<see cref="Replace(string,string)"/>). When anything fails the staging
    /// folder is removed, <paramref name="target"/> is left as it was and the exception goes on.
    /// </summary>
    public static void Write(string target, Action<string> fill)
    {
        var staging = StagingBeside(target);
        Directory.CreateDirectory(staging);
        try
        {
            fill(staging);
            Replace(staging, target);
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
    }

    /// <summary>Where the old folder waits while a two-rename swap is under way (".NAME.swap-old"); one name per target, so that a crash can be found.</summary>
    public static string BackupOf(string target)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.swap-old");
    }

    /// <summary>
    /// Makes the complete folder <paramref name="staging"/> the folder <paramref name="target"/> (created when missing,
    /// replaced whole when present); <paramref name="staging"/> is gone afterwards.
    /// </summary>
    /// <exception cref="IOException">
    /// <paramref name="staging"/> is missing (the new folder never arrived), <paramref name="target"/> is a file, or a rename
    /// failed; in every case <paramref name="target"/> is what it was before the call (after <see cref="Recover"/>).
    /// </exception>
    public static void Replace(string staging, string target) => Replace(staging, target, exchange: true);

    /// <summary><see cref="Replace(string,string)"/>; <paramref name="exchange"/> false takes the two-rename way (tests).</summary>
    internal static void Replace(string staging, string target, bool exchange)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        var from = Path.TrimEndingDirectorySeparator(Path.GetFullPath(staging));
        Recover(full);
        if (!Directory.Exists(from))
            throw new IOException($"{full}: the new folder {from} is missing; the folder was left as it was");
        if (File.Exists(full))
            throw new IOException($"{full}: is a file, not a folder; move it away before replacing it");
        if (!Directory.Exists(full))
        {
            Directory.Move(from, full);
            return;
        }
        if (exchange && AtomicLink.TryExchange(from, full))
        {
            TryDelete(from); // the old folder, under the staging name since the exchange
            return;
        }
        var backup = BackupOf(full);
        Directory.Move(full, backup);
        try
        {
            Directory.Move(from, full);
        }
        catch
        {
            Directory.Move(backup, full); // the new one did not arrive: the old one goes back
            throw;
        }
        TryDelete(backup);
    }

    /// <summary>
    /// Completes or undoes what a killed <see cref="Replace"/> left at <paramref name="target"/>: the backup beside a
    /// missing target is moved back (the new folder never arrived); a backup beside a present target (the swap completed,
    /// its clean-up did not) is deleted. Returns whether anything was left.
    /// </summary>
    /// <exception cref="IOException">A backup is there while <paramref name="target"/> is a file: refused, both kept.</exception>
    public static bool Recover(string target)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        var backup = BackupOf(full);
        if (!Directory.Exists(backup))
            return false;
        if (File.Exists(full))
            throw new IOException($"{full}: a file stands where a folder belongs, beside the previous folder {backup} a swap left; move one of them away");
        if (Directory.Exists(full))
            Directory.Delete(backup, recursive: true);
        else
            Directory.Move(backup, full);
        return true;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException) { } // a hidden leftover; never read
        catch (UnauthorizedAccessException) { }
    }
}
