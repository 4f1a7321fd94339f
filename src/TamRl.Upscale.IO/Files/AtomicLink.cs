using System.Runtime.InteropServices;

namespace TamRl.Upscale.IO.Files;

/// <summary>
/// Points a symbolic link at a new target in one atomic step: a new link under a temporary name, then
/// rename(2) over the old one. A reader sees the old target or the new one, never neither. Used for the
/// published products' periods and for the model bundle's "current" pointer.
/// </summary>
public static partial class AtomicLink
{
    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string oldPath, string newPath);

    // renameat2(2) (glibc 2.28+): RENAME_EXCHANGE swaps two existing paths in one step, even a folder and a link.
    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);

    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    /// <summary>Makes <paramref name="link"/> point to <paramref name="relativeTarget"/> (relative to the link's folder).</summary>
    public static void Replace(string link, string relativeTarget)
    {
        var temp = TempLinkFor(link);
        File.CreateSymbolicLink(temp, relativeTarget);
        if (Rename(temp, link) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            File.Delete(temp);
            throw new IOException($"{link}: could not replace the link (rename: {Marshal.GetPInvokeErrorMessage(errno)})");
        }
    }

    /// <summary>
    /// Puts a link to <paramref name="relativeTarget"/> where the real folder <paramref name="folder"/> stands
    /// (rename(2) cannot replace a folder by a link): the two are exchanged in one step where the file system
    /// allows it, and the old folder is then moved to <paramref name="keepFolderAs"/>. Where the exchange is not
    /// supported, the folder is moved first and the link put in its place next: for that moment the path is
    /// missing, but nothing is lost.
    /// </summary>
    public static void ReplaceFolder(string folder, string relativeTarget, string keepFolderAs)
    {
        var temp = TempLinkFor(folder);
        File.CreateSymbolicLink(temp, relativeTarget);
        if (TryExchange(temp, folder))
        {
            Directory.Move(temp, keepFolderAs); // temp is now the old folder
            return;
        }
        Directory.Move(folder, keepFolderAs);
        if (Rename(temp, folder) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            File.Delete(temp);
            throw new IOException($"{folder}: could not put the link in place (rename: {Marshal.GetPInvokeErrorMessage(errno)}); the previous folder is at {keepFolderAs}");
        }
    }

    /// <summary>
    /// Exchanges two existing paths (folders, files or links) in one step, renameat2(2) with RENAME_EXCHANGE; false where
    /// the file system or kernel does not support it (the caller then takes the two-rename way). Also used by <see cref="FolderSwap"/>.
    /// </summary>
    internal static bool TryExchange(string a, string b) => RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;

    /// <summary>The target of a link, or null when <paramref name="path"/> is not a link.</summary>
    public static string? TargetOf(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget;
    }

    /// <summary>The temporary names this class uses beside <paramref name="link"/> (what a killed writer may leave).</summary>
    public static string TempLinkPattern(string link) => $".{Path.GetFileName(link)}.link-*";

    private static string TempLinkFor(string link) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(link))!, $".{Path.GetFileName(link)}.link-{Guid.NewGuid():N}");
}
