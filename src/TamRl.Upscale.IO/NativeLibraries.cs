using System.Reflection;
using System.Runtime.InteropServices;

namespace TamRl.Upscale.IO;

/// <summary>
/// The single <see cref="NativeLibrary.SetDllImportResolver"/> of this assembly (.NET allows one per
/// assembly), shared by every native binding here. The bindings import short logical names
/// ("gdal", "netcdf"); this maps them to the versioned sonames the runtime packages install, because the
/// unversioned <c>libgdal.so</c>/<c>libnetcdf.so</c> links exist only with the <c>-dev</c> packages.
/// </summary>
internal static class NativeLibraries
{
    /// <summary>Logical import name to the file tried first; if it does not load, default probing applies.</summary>
    internal static readonly IReadOnlyDictionary<string, string> SonameByImportName = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["gdal"] = "libgdal.so.32",
        ["netcdf"] = "libnetcdf.so.19",
    };

    // The static constructor runs exactly once, under the runtime's type-initialisation lock, so the
    // resolver is registered once even when several bindings initialise concurrently.
    static NativeLibraries() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);

    /// <summary>Registers the resolver (idempotent). Call from the static constructor of every binding class.</summary>
    internal static void EnsureResolver()
    {
        // Nothing to do: touching the class ran its static constructor.
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (SonameByImportName.TryGetValue(libraryName, out var soname) &&
            NativeLibrary.TryLoad(soname, assembly, searchPath, out var handle))
            return handle;
        return IntPtr.Zero; // fall back to the runtime's default probing (other platforms, -dev installs)
    }
}
