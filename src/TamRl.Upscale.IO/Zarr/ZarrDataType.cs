using System.Buffers.Binary;

namespace TamRl.Upscale.IO.Zarr;

/// <summary>
/// A Zarr v3 core numeric data type: its name in <c>zarr.json</c>, the CLR type it is reported as,
/// its size in bytes, and the conversion of encoded elements to doubles.
/// </summary>
/// <remarks>
/// Supported: <c>bool</c> (one byte, 0 or 1), <c>int8</c>..<c>uint64</c>, <c>float16</c>,
/// <c>float32</c>, <c>float64</c>. Not supported: <c>complex64</c>, <c>complex128</c>, raw bits
/// (<c>r8</c>...) and the extension string types; opening a store with such an array fails.
/// 64-bit integers beyond 2^53 lose precision as doubles, like every other reader's double path.
/// </remarks>
internal sealed class ZarrDataType
{
    private static readonly ZarrDataType[] Known =
    [
        new("bool", typeof(bool), 1),
        new("int8", typeof(sbyte), 1),
        new("uint8", typeof(byte), 1),
        new("int16", typeof(short), 2),
        new("uint16", typeof(ushort), 2),
        new("int32", typeof(int), 4),
        new("uint32", typeof(uint), 4),
        new("int64", typeof(long), 8),
        new("uint64", typeof(ulong), 8),
        new("float16", typeof(Half), 2),
        new("float32", typeof(float), 4),
        new("float64", typeof(double), 8),
    ];

    private ZarrDataType(string name, Type clrType, int size)
    {
        Name = name;
        ClrType = clrType;
        Size = size;
    }

    public string Name { get; }

    /// <summary>The element type reported as <see cref="Model.ArrayVariableInfo.StorageType"/>.</summary>
    public Type ClrType { get; }

    public int Size { get; }

    public bool IsInteger => ClrType != typeof(float) && ClrType != typeof(double) && ClrType != typeof(Half) && ClrType != typeof(bool);

    public bool IsFloat => ClrType == typeof(float) || ClrType == typeof(double) || ClrType == typeof(Half);

    public static ZarrDataType? TryParse(string name) => Known.FirstOrDefault(t => t.Name == name);

    /// <summary>
    /// Converts <paramref name="bytes"/> (exactly <c>destination.Length * Size</c> bytes, in the given byte
    /// order) to doubles.
    /// </summary>
    public void ToDoubles(ReadOnlySpan<byte> bytes, bool bigEndian, Span<double> destination)
    {
        if (bytes.Length != destination.Length * Size)
            throw new ArgumentException($"{bytes.Length} bytes do not hold {destination.Length} {Name} values.");
        var n = destination.Length;
        switch (Name)
        {
            case "bool":
            case "uint8":
                for (var i = 0; i < n; i++) destination[i] = bytes[i];
                break;
            case "int8":
                for (var i = 0; i < n; i++) destination[i] = (sbyte)bytes[i];
                break;
            case "int16":
                for (var i = 0; i < n; i++)
                {
                    var s = bytes.Slice(2 * i, 2);
                    destination[i] = bigEndian ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s);
                }
                break;
            case "uint16":
                for (var i = 0; i < n; i++)
                {
                    var s = bytes.Slice(2 * i, 2);
                    destination[i] = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
                }
                break;
            case "int32":
                for (var i = 0; i < n; i++)
                {
                    var s = bytes.Slice(4 * i, 4);
                    destination[i] = bigEndian ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s);
                }
                break;
            case "uint32":
                for (var i = 0; i < n; i++)
                {
                    var s = bytes.Slice(4 * i, 4);
                    destination[i] = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
                }
                break;
            case "int64":
                for (var i = 0; i < n; i++)
                {
                    var s = bytes.Slice(8 * i, 8);
                    destination[i] = bigEndian ? BinaryPrimitives.ReadInt64BigEndian(s) : BinaryPrimitives.ReadInt64LittleEndian(s);
                }
                break;
            case "uint64":
                for (var i = 0; i < n; i++)
                {
                    var s = bytes.Slice(8 * i, 8);
                    destination[i] = bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s);
                }
                break;
            case "float16":
                for (var i = 0; i < n; i++)
                {
                    var s = bytes.Slice(2 * i, 2);
                    destination[i] = (double)(bigEndian ? BinaryPrimitives.ReadHalfBigEndian(s) : BinaryPrimitives.ReadHalfLittleEndian(s));
                }
                break;
            case "float32":
                for (var i = 0; i < n; i++)
                {
                    var s = bytes.Slice(4 * i, 4);
                    destination[i] = bigEndian ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s);
                }
                break;
            case "float64":
                for (var i = 0; i < n; i++)
                {
                    var s = bytes.Slice(8 * i, 8);
                    destination[i] = bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(s) : BinaryPrimitives.ReadDoubleLittleEndian(s);
                }
                break;
            default:
                throw new InvalidOperationException($"No conversion for {Name}.");
        }
    }
}
