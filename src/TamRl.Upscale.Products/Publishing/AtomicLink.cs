using System.Runtime.InteropServices;

namespace TamRl.Upscale.Products.Publishing;

/// <summary>
/// Points a symbolic link at a new target in one atomic step: a new link under a temporary name, then
/// rename(2) over the old one. A reader sees the old target or the new one, never neither.
/// </summary>
internal static partial class AtomicLink
{
    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string oldPath, string newPath);

    /// <summary>Makes <paramref name="link"/> point to <paramref name="relativeTarget"/> (relative to the link's folder).</summary>
    public static void Replace(string link, string relativeTarget)
    {
        var temp = Path.Combine(Path.GetDirectoryName(link)!, $".{Path.GetFileName(link)}.link-{Guid.NewGuid():N}");
        File.CreateSymbolicLink(temp, relativeTarget);
        if (Rename(temp, link) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            File.Delete(temp);
            throw new IOException($"{link}: could not replace the link (rename: {Marshal.GetPInvokeErrorMessage(errno)})");
        }
    }

    /// <summary>The target of a link, or null when <paramref name="path"/> is not a link.</summary>
    public static string? TargetOf(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget;
    }
}
