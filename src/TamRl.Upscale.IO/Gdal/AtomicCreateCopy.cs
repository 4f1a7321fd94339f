using TamRl.Upscale.IO.Gdal.Native;

namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// GDALCreateCopy into a temporary file beside the target, then a rename over the target: a failed or
/// interrupted write never leaves a half-written product at the final path, and an existing product
/// there stays untouched until the new one is complete.
/// </summary>
internal static class AtomicCreateCopy
{
    internal static void Write(string driverName, GdalDatasetHandle source, string finalPath, IEnumerable<KeyValuePair<string, string>> creationOptions)
    {
        var fullPath = Path.GetFullPath(finalPath);
        var folder = Path.GetDirectoryName(fullPath)!;
        // Same folder, so the final rename stays on one file system (atomic); hidden and unique, so
        // concurrent writers and directory listings do not trip over it.
        var tempPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            CreateCopy(driverName, source, tempPath, finalPath, creationOptions);
            File.Move(tempPath, fullPath, overwrite: true);
        }
        finally
        {
            DeleteLeftovers(folder, tempPath);
        }
    }

    private static void CreateCopy(string driverName, GdalDatasetHandle source, string tempPath, string finalPath, IEnumerable<KeyValuePair<string, string>> creationOptions)
    {
        using var options = new GdalOptionList(creationOptions);
        GdalErrors.Reset();
        var driver = GdalNative.GDALGetDriverByName(driverName);
        if (driver == IntPtr.Zero)
            throw GdalErrors.Failure(finalPath, null, $"GDAL has no {driverName} driver");
        var copy = GdalNative.GDALCreateCopy(driver, tempPath, source.DangerousGetHandle(), 0, options.Pointer, IntPtr.Zero, IntPtr.Zero);
        if (copy == IntPtr.Zero)
            throw GdalErrors.Failure(finalPath, null, $"cannot write {driverName}");
        // Closing flushes the last tiles; GDAL 3.6's GDALClose returns nothing, so read the error state.
        new GdalDatasetHandle(copy).Dispose();
        if (GdalErrors.FailureRecorded)
            throw GdalErrors.Failure(finalPath, null, $"cannot finish writing {driverName}");
    }

    // GDAL may leave companions of the temporary file (e.g. "<temp>.ovr.tmp" of the COG driver, or an
    // ".aux.xml") when it fails half-way.
    private static void DeleteLeftovers(string folder, string tempPath)
    {
        if (!Directory.Exists(folder))
            return;
        foreach (var leftover in Directory.EnumerateFiles(folder, Path.GetFileName(tempPath) + "*"))
        {
            try { File.Delete(leftover); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
