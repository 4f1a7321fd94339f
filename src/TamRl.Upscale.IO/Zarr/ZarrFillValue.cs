using System.Globalization;
using System.Text.Json;

namespace TamRl.Upscale.IO.Zarr;

/// <summary>
/// An array's <c>fill_value</c>: the value of every element of a chunk that is not stored.
/// </summary>
/// <remarks>
/// Accepted JSON forms (Zarr v3 core spec): a number; for floats also <c>"NaN"</c>, <c>"Infinity"</c>,
/// <c>"-Infinity"</c> and a hex bit pattern (<c>"0x7fc00000"</c> for a float32); for bool
/// <c>true</c>/<c>false</c>. <c>null</c>, which the spec does not allow but zarrita writes when no fill
/// value is given, reads as 0 with no <see cref="Typed"/> value (so no <c>_FillValue</c> is made up).
/// </remarks>
internal sealed class ZarrFillValue
{
    private ZarrFillValue(double value, Array? typed)
    {
        Value = value;
        Typed = typed;
    }

    /// <summary>The fill value as a double (what missing chunks read as).</summary>
    public double Value { get; }

    /// <summary>
    /// The fill value as a one-element array of the array's CLR type, for the <c>_FillValue</c>
    /// attribute; float for float16 (attributes have no half type); null for bool and for a null fill value.
    /// </summary>
    public Array? Typed { get; }

    /// <exception cref="FormatException">The JSON value does not fit the data type.</exception>
    public static ZarrFillValue Parse(JsonElement json, ZarrDataType type)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Null:
                return new(0, null);
            case JsonValueKind.True or JsonValueKind.False when type.Name == "bool":
                return new(json.ValueKind == JsonValueKind.True ? 1 : 0, null);
            case JsonValueKind.String when type.IsFloat:
                return FromDouble(SpecialFloat(json.GetString()!, type), type);
            case JsonValueKind.Number when type.Name == "int64":
                return json.TryGetInt64(out var l) ? new(l, new[] { l }) : throw Bad(json, type);
            case JsonValueKind.Number when type.Name == "uint64":
                return json.TryGetUInt64(out var u) ? new(u, new[] { u }) : throw Bad(json, type);
            case JsonValueKind.Number when type.IsInteger:
                if (!json.TryGetInt64(out var i) || !FitsInteger(i, type))
                    throw Bad(json, type);
                return new(i, Convert(i, type));
            case JsonValueKind.Number when type.IsFloat:
                return FromDouble(json.GetDouble(), type);
            default:
                throw Bad(json, type);
        }
    }

    private static ZarrFillValue FromDouble(double value, ZarrDataType type) => type.Name switch
    {
        "float64" => new(value, new[] { value }),
        "float32" => new((float)value, new[] { (float)value }),
        _ => new((double)(Half)value, new[] { (float)(Half)value }),
    };

    private static double SpecialFloat(string text, ZarrDataType type)
    {
        switch (text)
        {
            case "NaN": return double.NaN;
            case "Infinity": return double.PositiveInfinity;
            case "-Infinity": return double.NegativeInfinity;
        }
        if (text.StartsWith("0x", StringComparison.Ordinal) && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits))
        {
            // The hex form is the IEEE 754 bit pattern of the stored type.
            return type.Size switch
            {
                8 => BitConverter.Int64BitsToDouble((long)bits),
                4 when bits <= uint.MaxValue => BitConverter.Int32BitsToSingle((int)bits),
                2 when bits <= ushort.MaxValue => (double)BitConverter.Int16BitsToHalf((short)bits),
                _ => throw new FormatException($"fill_value \"{text}\" has more bits than {type.Name}"),
            };
        }
        throw new FormatException($"fill_value \"{text}\" is not a number, \"NaN\", \"Infinity\", \"-Infinity\" or a hex bit pattern");
    }

    private static bool FitsInteger(long value, ZarrDataType type) => type.Name switch
    {
        "int8" => value is >= sbyte.MinValue and <= sbyte.MaxValue,
        "uint8" => value is >= byte.MinValue and <= byte.MaxValue,
        "int16" => value is >= short.MinValue and <= short.MaxValue,
        "uint16" => value is >= ushort.MinValue and <= ushort.MaxValue,
        "int32" => value is >= int.MinValue and <= int.MaxValue,
        "uint32" => value is >= uint.MinValue and <= uint.MaxValue,
        _ => false,
    };

    private static Array Convert(long value, ZarrDataType type) => type.Name switch
    {
        "int8" => new[] { (sbyte)value },
        "uint8" => new[] { (byte)value },
        "int16" => new[] { (short)value },
        "uint16" => new[] { (ushort)value },
        "int32" => new[] { (int)value },
        _ => new[] { (uint)value },
    };

    private static FormatException Bad(JsonElement json, ZarrDataType type) =>
        new($"fill_value {json.GetRawText()} is not a valid {type.Name}");
}
