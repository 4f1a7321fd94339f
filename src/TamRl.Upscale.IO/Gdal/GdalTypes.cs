using System.Globalization;

namespace TamRl.Upscale.IO.Gdal;

/// <summary>Correspondence between GDAL pixel types and .NET element types.</summary>
internal static class GdalTypes
{
    /// <summary>The .NET element type of a real numeric GDAL type; null for complex and unknown types.</summary>
    internal static Type? ClrType(GdalDataType type) => type switch
    {
        GdalDataType.Byte => typeof(byte),
        GdalDataType.UInt16 => typeof(ushort),
        GdalDataType.Int16 => typeof(short),
        GdalDataType.UInt32 => typeof(uint),
        GdalDataType.Int32 => typeof(int),
        GdalDataType.UInt64 => typeof(ulong),
        GdalDataType.Int64 => typeof(long),
        GdalDataType.Float32 => typeof(float),
        GdalDataType.Float64 => typeof(double),
        _ => null,
    };

    /// <summary>Doubles converted to a typed array of <paramref name="elementType"/> (a numeric CLR type).</summary>
    internal static Array ConvertDoubles(double[] values, Type elementType)
    {
        if (elementType == typeof(double))
            return values;
        var result = Array.CreateInstance(elementType, values.Length);
        for (var i = 0; i < values.Length; i++)
            result.SetValue(elementType == typeof(float) ? (float)values[i] : Convert.ChangeType(values[i], elementType, CultureInfo.InvariantCulture), i);
        return result;
    }
}
