namespace TamRl.Upscale.Ingest.DriverCube;

/// <summary>
/// Write-beside-then-rename: a file is written under a hidden temporary name in its final folder and
/// renamed over the final path only when complete, so a reader never sees half a file.
/// </summary>
internal static class AtomicFile
{
    public static string TemporaryPathFor(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
    }

    public static void MoveIntoPlace(string temporary, string path) => File.Move(temporary, Path.GetFullPath(path), overwrite: true);

    public static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
