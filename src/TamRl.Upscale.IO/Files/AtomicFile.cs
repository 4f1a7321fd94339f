namespace TamRl.Upscale.IO.Files;

/// <summary>
/// Writes a file under a temporary name beside it, then renames it over the target: a reader sees the old file or
/// the new one whole, never half of it, and a failed or killed writer leaves the target untouched. The temporary
/// name is hidden and unique (".NAME.PID.GUID.tmp") and in the target's folder, so the rename stays on one file
/// system (atomic) and concurrent writers and directory listings do not trip over it.
/// </summary>
public static class AtomicFile
{
    /// <summary>A hidden temporary name beside <paramref name="path"/> that no other writer uses; <paramref name="extension"/>
    /// is appended for writers that choose the format by it (".png").</summary>
    public static string TempBeside(string path, string extension = "")
    {
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp{extension}");
    }

    /// <summary>
    /// Lets <paramref name="write"/> write the temporary file whose path it is given (in <paramref name="path"/>'s folder,
    /// which must exist), and renames it over <paramref name="path"/>. When anything fails the temporary file and its companions
    /// (files whose names start with it: a GDAL ".ovr.tmp", ".aux.xml") are removed and the exception goes on.
    /// </summary>
    public static void Write(string path, Action<string> write, string extension = "")
    {
        var full = Path.GetFullPath(path);
        var temp = TempBeside(full, extension);
        try
        {
            write(temp);
            File.Move(temp, full, overwrite: true);
        }
        catch (IOException e) when (Core.Errors.DiskFullException.Find(e) is not null)
        {
            // .NET names the hidden temporary file; the operator needs the file being written.
            throw new Core.Errors.DiskFullException(full, "write", e);
        }
        finally
        {
            DeleteLeftovers(temp);
        }
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8) and flushes it to disk before the rename.</summary>
    public static void WriteAllText(string path, string text) => Write(path, temp =>
    {
        using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
        writer.Flush();
        stream.Flush(flushToDisk: true);
    });

    /// <summary>
    /// For a writer that fills the temporary file (<see cref="TempBeside"/>) over several calls, e.g. a month of the driver
    /// cube written day by day: renames it over <paramref name="path"/> once complete.
    /// </summary>
    public static void MoveIntoPlace(string temp, string path) => File.Move(temp, Path.GetFullPath(path), overwrite: true);

    /// <summary>The same writer's way out when it gives up: removes the temporary file and its companions.</summary>
    public static void Discard(string temp) => DeleteLeftovers(temp);

    private static void DeleteLeftovers(string temp)
    {
        var folder = Path.GetDirectoryName(temp)!;
        if (!Directory.Exists(folder))
            return;
        foreach (var leftover in Directory.EnumerateFiles(folder, Path.GetFileName(temp) + "*"))
        {
            try { File.Delete(leftover); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
