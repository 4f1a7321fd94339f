using static TamRl.Upscale.IO.NetCdf.Native.NetCdfNative;

namespace TamRl.Upscale.IO.NetCdf;

/// <summary>
/// Picks netCDF-C's typed hyperslab function for a .NET element type, so that netCDF-C does the type
/// conversion (and reports NC_ERANGE) exactly as it does for C callers.
/// </summary>
internal static unsafe class NetCdfTypedAccess
{
    public static int Get<T>(int ncid, int varid, nuint* start, nuint* count, T* data) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return nc_get_vara_double(ncid, varid, start, count, (double*)data);
        if (typeof(T) == typeof(float)) return nc_get_vara_float(ncid, varid, start, count, (float*)data);
        if (typeof(T) == typeof(short)) return nc_get_vara_short(ncid, varid, start, count, (short*)data);
        if (typeof(T) == typeof(int)) return nc_get_vara_int(ncid, varid, start, count, (int*)data);
        if (typeof(T) == typeof(long)) return nc_get_vara_longlong(ncid, varid, start, count, (long*)data);
        if (typeof(T) == typeof(sbyte)) return nc_get_vara_schar(ncid, varid, start, count, (sbyte*)data);
        if (typeof(T) == typeof(byte)) return nc_get_vara_uchar(ncid, varid, start, count, (byte*)data);
        if (typeof(T) == typeof(ushort)) return nc_get_vara_ushort(ncid, varid, start, count, (ushort*)data);
        if (typeof(T) == typeof(uint)) return nc_get_vara_uint(ncid, varid, start, count, (uint*)data);
        if (typeof(T) == typeof(ulong)) return nc_get_vara_ulonglong(ncid, varid, start, count, (ulong*)data);
        throw new NotSupportedException($"netCDF has no numeric type for {typeof(T).Name}.");
    }

    public static int Put<T>(int ncid, int varid, nuint* start, nuint* count, T* data) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return nc_put_vara_double(ncid, varid, start, count, (double*)data);
        if (typeof(T) == typeof(float)) return nc_put_vara_float(ncid, varid, start, count, (float*)data);
        if (typeof(T) == typeof(short)) return nc_put_vara_short(ncid, varid, start, count, (short*)data);
        if (typeof(T) == typeof(int)) return nc_put_vara_int(ncid, varid, start, count, (int*)data);
        if (typeof(T) == typeof(long)) return nc_put_vara_longlong(ncid, varid, start, count, (long*)data);
        if (typeof(T) == typeof(sbyte)) return nc_put_vara_schar(ncid, varid, start, count, (sbyte*)data);
        if (typeof(T) == typeof(byte)) return nc_put_vara_uchar(ncid, varid, start, count, (byte*)data);
        if (typeof(T) == typeof(ushort)) return nc_put_vara_ushort(ncid, varid, start, count, (ushort*)data);
        if (typeof(T) == typeof(uint)) return nc_put_vara_uint(ncid, varid, start, count, (uint*)data);
        if (typeof(T) == typeof(ulong)) return nc_put_vara_ulonglong(ncid, varid, start, count, (ulong*)data);
        throw new NotSupportedException($"netCDF has no numeric type for {typeof(T).Name}.");
    }
}
