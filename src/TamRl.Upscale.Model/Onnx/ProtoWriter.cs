using System.Buffers.Binary;
using System.Text;

namespace TamRl.Upscale.Model.Onnx;

/// <summary>
/// The protocol buffers wire format, as much of it as an ONNX model needs: varints (wire type 0), 32-bit fixed
/// values (5) and length-delimited fields (2: strings, bytes, packed repeated values, nested messages). No
/// protobuf runtime is served here for C# without code generation, and ONNX's few messages are simple, so they
/// are written by hand (<see cref="OnnxProto"/>); the field numbers are those of onnx/onnx.proto. Fields are
/// written in the order they are given; proto2 readers accept any order.
/// </summary>
public sealed class ProtoWriter
{
    private const int Varint = 0;
    private const int Fixed32 = 5;
    private const int LengthDelimited = 2;

    private readonly MemoryStream buffer = new();

    /// <summary>The bytes written so far.</summary>
    public byte[] ToArray() => buffer.ToArray();

    /// <summary>An unsigned varint: 7 bits a byte, low bits first, the high bit set on every byte but the last.</summary>
    public void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        buffer.WriteByte((byte)value);
    }

    private void Tag(int field, int wireType)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(field, 1);
        WriteVarint(((ulong)field << 3) | (uint)wireType);
    }

    /// <summary>An int64 or int32 field (and enums): a negative value is its two's complement as ten varint bytes, as protobuf writes it.</summary>
    public void Int64(int field, long value)
    {
        Tag(field, Varint);
        WriteVarint(unchecked((ulong)value));
    }

    /// <summary>A float field (fixed32, little-endian IEEE 754).</summary>
    public void Float(int field, float value)
    {
        Tag(field, Fixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        buffer.Write(bytes);
    }

    /// <summary>A bytes field.</summary>
    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimited);
        WriteVarint((ulong)value.Length);
        buffer.Write(value);
    }

    /// <summary>A string field (UTF-8).</summary>
    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A packed repeated int64 field (one length-delimited run of varints).</summary>
    public void PackedInt64(int field, IEnumerable<long> values)
    {
        var inner = new ProtoWriter();
        foreach (var v in values)
            inner.WriteVarint(unchecked((ulong)v));
        Bytes(field, inner.buffer.GetBuffer().AsSpan(0, (int)inner.buffer.Length));
    }

    /// <summary>A packed repeated float field.</summary>
    public void PackedFloat(int field, IReadOnlyList<float> values)
    {
        var bytes = new byte[4 * values.Count];
        for (var i = 0; i < values.Count; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        Bytes(field, bytes);
    }

    /// <summary>A nested message field: what <paramref name="write"/> writes, prefixed with its length.</summary>
    public void Message(int field, Action<ProtoWriter> write)
    {
        var inner = new ProtoWriter();
        write(inner);
        Bytes(field, inner.buffer.GetBuffer().AsSpan(0, (int)inner.buffer.Length));
    }
}
