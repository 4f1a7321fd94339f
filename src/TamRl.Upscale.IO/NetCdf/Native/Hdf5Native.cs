using System.Runtime.InteropServices;

namespace TamRl.Upscale.IO.NetCdf.Native;

/// <summary>
/// The one call made into libhdf5 directly. netCDF-C 4.9.0 probes optional attributes with
/// <c>H5Aopen_by_name</c> (e.g. the quantize attributes of every variable it opens); on a variable whose
/// attributes sit in dense storage the miss makes HDF5 print a whole error stack to stderr, although
/// netCDF-C handles it. Turning HDF5's automatic printing off keeps stderr for real problems: every
/// failure still reaches us as a netCDF-C status with its message.
/// </summary>
internal static class Hdf5Native
{
    private const string Lib = "hdf5";

    /// <summary>H5E_DEFAULT: the library's default error stack (hid_t 0).</summary>
    private const long H5E_DEFAULT = 0;

    static Hdf5Native() => NativeLibraries.EnsureResolver();

    [DllImport(Lib)] private static extern int H5Eset_auto2(long estackId, IntPtr func, IntPtr clientData);

    /// <summary>Idempotent; callers hold <see cref="NativeLocks.HdfFamily"/> (HDF5 is not thread-safe).</summary>
    public static void SilenceAutomaticErrorPrinting() => H5Eset_auto2(H5E_DEFAULT, IntPtr.Zero, IntPtr.Zero);
}
