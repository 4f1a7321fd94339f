namespace TamRl.Upscale.IO.NetCdf;

/// <summary>netCDF external data types (values as in netcdf.h).</summary>
public enum NcType
{
    Byte = 1,
    Char = 2,
    Short = 3,
    Int = 4,
    Float = 5,
    Double = 6,
    UByte = 7,
    UShort = 8,
    UInt = 9,
    Int64 = 10,
    UInt64 = 11,
    String = 12,
}

/// <summary>Mapping between netCDF types and .NET element types.</summary>
public static class NcTypes
{
    public static Type ToClrType(NcType type) => type switch
    {
        NcType.Byte => typeof(sbyte),
        NcType.Char => typeof(char),
        NcType.Short => typeof(short),
        NcType.Int => typeof(int),
        NcType.Float => typeof(float),
        NcType.Double => typeof(double),
        NcType.UByte => typeof(byte),
        NcType.UShort => typeof(ushort),
        NcType.UInt => typeof(uint),
        NcType.Int64 => typeof(long),
        NcType.UInt64 => typeof(ulong),
        NcType.String => typeof(string),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a netCDF atomic type."),
    };

    public static NcType FromClrType(Type type) =>
        type == typeof(sbyte) ? NcType.Byte :
        type == typeof(short) ? NcType.Short :
        type == typeof(int) ? NcType.Int :
        type == typeof(float) ? NcType.Float :
        type == typeof(double) ? NcType.Double :
        type == typeof(byte) ? NcType.UByte :
        type == typeof(ushort) ? NcType.UShort :
        type == typeof(uint) ? NcType.UInt :
        type == typeof(long) ? NcType.Int64 :
        type == typeof(ulong) ? NcType.UInt64 :
        throw new ArgumentException($"{type.Name} has no netCDF numeric type.", nameof(type));

    internal static int SizeOf(NcType type) => type switch
    {
        NcType.Byte or NcType.UByte or NcType.Char => 1,
        NcType.Short or NcType.UShort => 2,
        NcType.Int or NcType.UInt or NcType.Float => 4,
        NcType.Double or NcType.Int64 or NcType.UInt64 => 8,
        _ => IntPtr.Size,
    };
}
