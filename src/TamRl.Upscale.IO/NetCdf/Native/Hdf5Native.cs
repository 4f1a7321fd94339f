using System.Runtime.InteropServices;

namespace TamRl.Upscale.IO.NetCdf.Native;

/// <summary>
/// The calls made into libhdf5 directly (the HDF5 that libnetcdf itself links), declared once. Two uses:
/// <list type="bullet">
/// <item>Silencing HDF5's automatic error printing. netCDF-C 4.9.0 probes optional attributes with
///   <c>H5Aopen_by_name</c> (e.g. the quantize attributes of every variable it opens); on a variable whose
///   attributes sit in dense storage the miss makes HDF5 print a whole error stack to stderr, although
///   netCDF-C handles it. Every failure still reaches us as a netCDF-C status with its message.</item>
/// <item>A NetCDF-4 variable's chunks as stored (<see cref="StoredChunks"/>): each chunk's bytes and the filters they
///   went through, read with <c>H5Dread_chunk</c> so they can be decompressed outside HDF5, on several cores, while
///   HDF5 itself is single-threaded (netCDF-C has no call for this).</item>
/// </list>
/// Signatures follow HDF5 1.10 (hid_t 64-bit, herr_t int, hsize_t/haddr_t 64-bit unsigned). Callers hold
/// <see cref="NativeLocks.HdfFamily"/>: HDF5 is not thread-safe.
/// </summary>
internal static unsafe class Hdf5Native
{
    private const string Lib = "hdf5";

    /// <summary>H5E_DEFAULT, H5P_DEFAULT and H5S_ALL are all the hid_t 0.</summary>
    public const long H5E_DEFAULT = 0, H5P_DEFAULT = 0;

    public const uint H5F_ACC_RDONLY = 0;

    /// <summary>H5D_CHUNK_DONT_FILTER_PARTIAL_CHUNKS: edge chunks stored unfiltered (HDF5 1.10's chunk option; h5py can set it).</summary>
    public const uint H5D_CHUNK_DONT_FILTER_PARTIAL_CHUNKS = 0x0002;

    /// <summary>H5Z_FILTER_DEFLATE and H5Z_FILTER_SHUFFLE.</summary>
    public const int H5Z_FILTER_DEFLATE = 1, H5Z_FILTER_SHUFFLE = 2;

    /// <summary>H5T_ORDER_LE (H5T_order_t), H5T_INTEGER and H5T_FLOAT (H5T_class_t).</summary>
    public const int H5T_ORDER_LE = 0, H5T_INTEGER = 0, H5T_FLOAT = 1;

    static Hdf5Native() => NativeLibraries.EnsureResolver();

    [DllImport(Lib)] private static extern int H5Eset_auto2(long estackId, IntPtr func, IntPtr clientData);

    /// <summary>Idempotent.</summary>
    public static void SilenceAutomaticErrorPrinting() => H5Eset_auto2(H5E_DEFAULT, IntPtr.Zero, IntPtr.Zero);

    [DllImport(Lib)] public static extern long H5Fopen([MarshalAs(UnmanagedType.LPUTF8Str)] string name, uint flags, long faplId);
    [DllImport(Lib)] public static extern int H5Fclose(long fileId);

    [DllImport(Lib)] public static extern long H5Dopen2(long locId, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, long daplId);
    [DllImport(Lib)] public static extern int H5Dclose(long datasetId);
    [DllImport(Lib)] public static extern long H5Dget_create_plist(long datasetId);
    [DllImport(Lib)] public static extern long H5Dget_type(long datasetId);
    [DllImport(Lib)] public static extern long H5Dget_space(long datasetId);

    [DllImport(Lib)] public static extern int H5Dget_chunk_storage_size(long datasetId, ulong* offset, out ulong bytes);
    [DllImport(Lib)] public static extern int H5Dread_chunk(long datasetId, long dxplId, ulong* offset, out uint filterMask, byte* buffer);

    [DllImport(Lib)] public static extern int H5Sget_simple_extent_ndims(long spaceId);
    [DllImport(Lib)] public static extern int H5Sget_simple_extent_dims(long spaceId, ulong* dims, ulong* maxDims);
    [DllImport(Lib)] public static extern int H5Sclose(long spaceId);

    [DllImport(Lib)] public static extern nuint H5Tget_size(long typeId);
    [DllImport(Lib)] public static extern int H5Tget_order(long typeId);
    [DllImport(Lib)] public static extern int H5Tget_class(long typeId);
    [DllImport(Lib)] public static extern int H5Tclose(long typeId);

    [DllImport(Lib)] public static extern int H5Pget_chunk(long plistId, int maxNdims, ulong* dims);
    [DllImport(Lib)] public static extern int H5Pget_nfilters(long plistId);

    [DllImport(Lib)]
    public static extern int H5Pget_filter2(long plistId, uint index, out uint flags, ref nuint cdNelmts, uint* cdValues,
        nuint nameLength, byte* name, out uint filterConfig);

    [DllImport(Lib)] public static extern int H5Pget_chunk_opts(long plistId, out uint options);
    [DllImport(Lib)] public static extern int H5Pclose(long plistId);
}
