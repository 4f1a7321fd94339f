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
        // GDAL may leave companions of the temporary file when it fails half-way (e.g. "<temp>.ovr.tmp" of the COG
        // driver, or an ".aux.xml"): AtomicFile removes those too.
        Files.AtomicFile.Write(finalPath, tempPath => CreateCopy(driverName, source, tempPath, finalPath, creationOptions));
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
            throw GdalErrors.WriteFailure(finalPath, null, $"cannot write {driverName}", System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        // Closing flushes the last tiles; GDAL 3.6's GDALClose returns nothing, so read the error state.
        new GdalDatasetHandle(copy).Dispose();
        if (GdalErrors.FailureRecorded)
            throw GdalErrors.WriteFailure(finalPath, null, $"cannot finish writing {driverName}");
    }
}
