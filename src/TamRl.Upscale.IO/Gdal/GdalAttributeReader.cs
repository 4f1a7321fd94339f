using System.Runtime.InteropServices;
using TamRl.Upscale.IO.Gdal.Native;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// Turns the attribute arrays of GDAL's multidimensional API (GDALGroupGetAttributes,
/// GDALMDArrayGetAttributes) into <see cref="AttributeValue"/>s: text stays text, numbers keep their
/// stored type (read through doubles, so 64-bit integers beyond 2^53 lose precision). Attributes of a
/// type with no <see cref="AttributeValue"/> counterpart (complex, compound) are skipped.
/// </summary>
internal static class GdalAttributeReader
{
    /// <summary>Reads and releases the array of attribute handles returned by GDAL.</summary>
    internal static List<KeyValuePair<string, AttributeValue>> ReadAndRelease(IntPtr attributes, nuint count)
    {
        var result = new List<KeyValuePair<string, AttributeValue>>();
        if (attributes == IntPtr.Zero)
            return result;
        try
        {
            for (var i = 0; i < (int)count; i++)
            {
                var attribute = Marshal.ReadIntPtr(attributes, i * IntPtr.Size);
                var name = GdalNative.Utf8(GdalNative.GDALAttributeGetName(attribute)) ?? "";
                if (Read(attribute) is { } value)
                    result.Add(new(name, value));
            }
        }
        finally
        {
            GdalNative.GDALReleaseAttributes(attributes, count);
        }
        return result;
    }

    private static AttributeValue? Read(IntPtr attribute)
    {
        var dataType = GdalNative.GDALAttributeGetDataType(attribute);
        try
        {
            switch (GdalNative.GDALExtendedDataTypeGetClass(dataType))
            {
                case GdalNative.GedtcString:
                    return AttributeValue.FromText(GdalNative.Utf8(GdalNative.GDALAttributeReadAsString(attribute)) ?? "");
                case GdalNative.GedtcNumeric:
                    var numericType = (GdalDataType)GdalNative.GDALExtendedDataTypeGetNumericDataType(dataType);
                    return GdalTypes.ClrType(numericType) is { } clrType && clrType != typeof(string)
                        ? AttributeValue.FromNumbers(GdalTypes.ConvertDoubles(ReadDoubles(attribute), clrType))
                        : null;
                default:
                    return null;
            }
        }
        finally
        {
            GdalNative.GDALExtendedDataTypeRelease(dataType);
        }
    }

    private static double[] ReadDoubles(IntPtr attribute)
    {
        var buffer = GdalNative.GDALAttributeReadAsDoubleArray(attribute, out var count);
        if (buffer == IntPtr.Zero)
            return [];
        try
        {
            var values = new double[(int)count];
            Marshal.Copy(buffer, values, 0, values.Length);
            return values;
        }
        finally
        {
            GdalNative.VSIFree(buffer); // CPLFree'd buffer allocated by GDAL
        }
    }
}
