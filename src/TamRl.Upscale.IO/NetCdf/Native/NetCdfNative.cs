using System.Runtime.InteropServices;

namespace TamRl.Upscale.IO.NetCdf.Native;

/// <summary>
/// The netCDF-C entry points TamRl.Upscale uses, declared once. Nothing outside <c>NetCdf/</c> calls
/// these: <see cref="NetCdfFile"/> is the safe API. Signatures follow netcdf.h of netCDF-C 4.9
/// (size_t as nuint, nc_type as int). Library strings (nc_strerror) come back as pointers.
/// </summary>
internal static unsafe class NetCdfNative
{
    private const string Lib = "netcdf";

    public const int NC_NOERR = 0;
    public const int NC_GLOBAL = -1;
    public const int NC_UNLIMITED = 0;
    public const int NC_MAX_NAME = 256;
    public const int NC_MAX_VAR_DIMS = 1024;

    // Open and create modes.
    public const int NC_NOWRITE = 0x0000;
    public const int NC_WRITE = 0x0001;
    public const int NC_CLOBBER = 0x0000;
    public const int NC_NOCLOBBER = 0x0004;
    public const int NC_64BIT_DATA = 0x0020;
    public const int NC_CLASSIC_MODEL = 0x0100;
    public const int NC_64BIT_OFFSET = 0x0200;
    public const int NC_NETCDF4 = 0x1000;

    public const int NC_CHUNKED = 0;
    public const int NC_CONTIGUOUS = 1;

    static NetCdfNative() => NativeLibraries.EnsureResolver();

    [DllImport(Lib)] public static extern IntPtr nc_strerror(int ncerr);
    [DllImport(Lib)] public static extern IntPtr nc_inq_libvers();

    [DllImport(Lib)] public static extern int nc_open(string path, int mode, out int ncid);
    [DllImport(Lib)] public static extern int nc_create(string path, int cmode, out int ncid);
    [DllImport(Lib)] public static extern int nc_close(int ncid);
    [DllImport(Lib)] public static extern int nc_redef(int ncid);
    [DllImport(Lib)] public static extern int nc_enddef(int ncid);
    [DllImport(Lib)] public static extern int nc_sync(int ncid);
    [DllImport(Lib)] public static extern int nc_inq_format(int ncid, out int format);

    [DllImport(Lib)] public static extern int nc_inq(int ncid, out int ndims, out int nvars, out int ngatts, out int unlimdimid);
    [DllImport(Lib)] public static extern int nc_inq_dimids(int ncid, out int ndims, int* dimids, int includeParents);
    [DllImport(Lib)] public static extern int nc_inq_varids(int ncid, out int nvars, int* varids);

    [DllImport(Lib)] public static extern int nc_def_dim(int ncid, string name, nuint len, out int dimid);
    [DllImport(Lib)] public static extern int nc_inq_dimid(int ncid, string name, out int dimid);
    [DllImport(Lib)] public static extern int nc_inq_dim(int ncid, int dimid, byte* name, out nuint len);
    [DllImport(Lib)] public static extern int nc_inq_unlimdims(int ncid, out int nunlimdims, int* unlimdimids);

    [DllImport(Lib)] public static extern int nc_def_var(int ncid, string name, int xtype, int ndims, int* dimids, out int varid);
    [DllImport(Lib)] public static extern int nc_def_var_deflate(int ncid, int varid, int shuffle, int deflate, int deflateLevel);
    [DllImport(Lib)] public static extern int nc_def_var_chunking(int ncid, int varid, int storage, nuint* chunksizes);
    [DllImport(Lib)] public static extern int nc_def_var_fill(int ncid, int varid, int noFill, void* fillValue);
    [DllImport(Lib)] public static extern int nc_set_var_chunk_cache(int ncid, int varid, nuint size, nuint nelems, float preemption);
    [DllImport(Lib)] public static extern int nc_get_var_chunk_cache(int ncid, int varid, out nuint size, out nuint nelems, out float preemption);
    [DllImport(Lib)] public static extern int nc_inq_varid(int ncid, string name, out int varid);
    [DllImport(Lib)] public static extern int nc_inq_var(int ncid, int varid, byte* name, out int xtype, out int ndims, int* dimids, out int natts);
    [DllImport(Lib)] public static extern int nc_inq_var_deflate(int ncid, int varid, out int shuffle, out int deflate, out int deflateLevel);
    [DllImport(Lib)] public static extern int nc_inq_var_chunking(int ncid, int varid, out int storage, nuint* chunksizes);

    [DllImport(Lib)] public static extern int nc_inq_attname(int ncid, int varid, int attnum, byte* name);
    [DllImport(Lib)] public static extern int nc_inq_att(int ncid, int varid, string name, out int xtype, out nuint len);
    [DllImport(Lib)] public static extern int nc_get_att(int ncid, int varid, string name, void* value);
    [DllImport(Lib)] public static extern int nc_get_att_string(int ncid, int varid, string name, IntPtr* value);
    [DllImport(Lib)] public static extern int nc_free_string(nuint len, IntPtr* data);
    [DllImport(Lib)] public static extern int nc_put_att(int ncid, int varid, string name, int xtype, nuint len, void* value);
    [DllImport(Lib)] public static extern int nc_put_att_text(int ncid, int varid, string name, nuint len, byte* value);
    [DllImport(Lib)] public static extern int nc_del_att(int ncid, int varid, string name);

    // Hyperslab access with netCDF-C's own type conversion (NC_ERANGE when a value does not fit).
    [DllImport(Lib)] public static extern int nc_get_vara_schar(int ncid, int varid, nuint* start, nuint* count, sbyte* ip);
    [DllImport(Lib)] public static extern int nc_get_vara_uchar(int ncid, int varid, nuint* start, nuint* count, byte* ip);
    [DllImport(Lib)] public static extern int nc_get_vara_short(int ncid, int varid, nuint* start, nuint* count, short* ip);
    [DllImport(Lib)] public static extern int nc_get_vara_ushort(int ncid, int varid, nuint* start, nuint* count, ushort* ip);
    [DllImport(Lib)] public static extern int nc_get_vara_int(int ncid, int varid, nuint* start, nuint* count, int* ip);
    [DllImport(Lib)] public static extern int nc_get_vara_uint(int ncid, int varid, nuint* start, nuint* count, uint* ip);
    [DllImport(Lib)] public static extern int nc_get_vara_longlong(int ncid, int varid, nuint* start, nuint* count, long* ip);
    [DllImport(Lib)] public static extern int nc_get_vara_ulonglong(int ncid, int varid, nuint* start, nuint* count, ulong* ip);
    [DllImport(Lib)] public static extern int nc_get_vara_float(int ncid, int varid, nuint* start, nuint* count, float* ip);
    [DllImport(Lib)] public static extern int nc_get_vara_double(int ncid, int varid, nuint* start, nuint* count, double* ip);

    [DllImport(Lib)] public static extern int nc_put_vara_schar(int ncid, int varid, nuint* start, nuint* count, sbyte* op);
    [DllImport(Lib)] public static extern int nc_put_vara_uchar(int ncid, int varid, nuint* start, nuint* count, byte* op);
    [DllImport(Lib)] public static extern int nc_put_vara_short(int ncid, int varid, nuint* start, nuint* count, short* op);
    [DllImport(Lib)] public static extern int nc_put_vara_ushort(int ncid, int varid, nuint* start, nuint* count, ushort* op);
    [DllImport(Lib)] public static extern int nc_put_vara_int(int ncid, int varid, nuint* start, nuint* count, int* op);
    [DllImport(Lib)] public static extern int nc_put_vara_uint(int ncid, int varid, nuint* start, nuint* count, uint* op);
    [DllImport(Lib)] public static extern int nc_put_vara_longlong(int ncid, int varid, nuint* start, nuint* count, long* op);
    [DllImport(Lib)] public static extern int nc_put_vara_ulonglong(int ncid, int varid, nuint* start, nuint* count, ulong* op);
    [DllImport(Lib)] public static extern int nc_put_vara_float(int ncid, int varid, nuint* start, nuint* count, float* op);
    [DllImport(Lib)] public static extern int nc_put_vara_double(int ncid, int varid, nuint* start, nuint* count, double* op);

    // Variable-length strings (NC_STRING, NetCDF-4 only): netCDF-C copies the strings on write and
    // allocates them on read (freed with nc_free_string).
    [DllImport(Lib)] public static extern int nc_put_vara_string(int ncid, int varid, nuint* start, nuint* count, IntPtr* op);
    [DllImport(Lib)] public static extern int nc_get_vara_string(int ncid, int varid, nuint* start, nuint* count, IntPtr* ip);

    /// <summary>netCDF-C's message for a status code (the string is the library's; never freed).</summary>
    public static string ErrorMessage(int status) => Marshal.PtrToStringUTF8(nc_strerror(status)) ?? $"netCDF error {status}";

    /// <summary>Reads a NUL-terminated name written by netCDF-C into a buffer of NC_MAX_NAME + 1 bytes.</summary>
    public static string NameFromBuffer(byte* buffer) => Marshal.PtrToStringUTF8((IntPtr)buffer) ?? "";
}
