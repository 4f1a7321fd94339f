using System.Reflection;
using System.Runtime.InteropServices;

namespace TamRl.Upscale.IO;

/// <summary>
/// Maps the short library names used by the bindings ("netcdf", "gdal", and "zstd", "blosc" for the
/// Zarr v3 codecs) to the sonames Debian's runtime packages install (<c>libnetcdf19</c>, <c>libgdal32</c>,
/// <c>libzstd1</c>, <c>libblosc1</c>), so no <c>-dev</c> package (which provides the unversioned
/// <c>libnetcdf.so</c>) is needed. An assembly can have only one resolver, so every binding registers
/// through here.
/// </summary>
internal static class NativeLibraries
{
    private static readonly Dictionary<string, string[]> Candidates = new(StringComparer.Ordinal)
    {
        ["netcdf"] = ["libnetcdf.so.19", "libnetcdf.so"],
        ["gdal"] = ["libgdal.so.32", "libgdal.so"],
        ["zstd"] = ["libzstd.so.1", "libzstd.so"],
        ["blosc"] = ["libblosc.so.1", "libblosc.so"],
        // The HDF5 that libnetcdf19 links (Debian's serial build), for Hdf5Native's single call.
        ["hdf5"] = ["libhdf5_serial.so.103", "libhdf5.so"],
    };

    private static readonly Dictionary<string, string> DebianPackages = new(StringComparer.Ordinal)
    {
        ["netcdf"] = "libnetcdf19",
        ["gdal"] = "libgdal32",
        ["zstd"] = "libzstd1",
        ["blosc"] = "libblosc1",
        ["hdf5"] = "libhdf5-103-1",
    };

    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>
    /// Registers the resolver once. Every caller returns only after it is registered: a binding's first
    /// P/Invoke made before that would be probed under the short name ("gdal"), fail, and throw
    /// DllNotFoundException. (An earlier flag set before registering let a second thread through early:
    /// a CI run lost a GDAL test to exactly that.)
    /// </summary>
    public static void EnsureResolver()
    {
        lock (Gate)
        {
            if (_registered)
                return;
            DisableHdf5FileLocking();
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
            _registered = true;
        }
    }

    /// <summary>
    /// HDF5 (under netCDF-4 and GDAL's netCDF/HDF5 drivers) flock()s every file it opens, on a descriptor
    /// opened without close-on-exec. Any child process started while a file is open (a test's ncdump,
    /// a GDAL tool) inherits that descriptor and keeps the lock after we close the file, so our next
    /// open of it fails with "NetCDF: HDF error". The pipeline never reads a file while writing it
    /// (products are written to staging and moved in place), so the lock protects nothing here.
    /// A value the user set is kept. Must be set in the native environment: .NET's own copy is not
    /// seen by libhdf5's getenv.
    /// </summary>
    private static void DisableHdf5FileLocking() => setenv("HDF5_USE_FILE_LOCKING", "FALSE", 0);

    [DllImport("libc.so.6", EntryPoint = "setenv")]
    private static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (!Candidates.TryGetValue(name, out var sonames))
            return IntPtr.Zero;
        foreach (var soname in sonames)
            if (NativeLibrary.TryLoad(soname, assembly, path, out var handle))
                return handle;
        throw new DllNotFoundException(
            $"Could not load {string.Join(" or ", sonames)}. Install the Debian package " +
            $"({DebianPackages[name]}) with scripts/setup.sh.");
    }
}
