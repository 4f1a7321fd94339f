using System.Buffers.Binary;
using System.Numerics;

namespace TamRl.Upscale.IO.Zarr.Codecs;

/// <summary>
/// The <c>crc32c</c> codec: the chunk ends with the CRC-32C (Castagnoli) of the bytes before it, little
/// endian. Decoding verifies it and strips it, so a corrupt chunk fails instead of reading wrong values.
/// </summary>
internal sealed class Crc32cCodec : IZarrBytesCodec
{
    public string Name => "crc32c";

    public byte[] Decode(byte[] encoded, int sizeHint)
    {
        if (encoded.Length < 4)
            throw new InvalidDataException($"crc32c: {encoded.Length} bytes, too short for the 4-byte checksum");
        var payload = encoded.AsSpan(0, encoded.Length - 4);
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(encoded.AsSpan(encoded.Length - 4));
        var actual = Compute(payload);
        if (stored != actual)
            throw new InvalidDataException($"crc32c: checksum 0x{actual:x8} does not match the stored 0x{stored:x8}");
        return payload.ToArray();
    }

    /// <summary>CRC-32C of <paramref name="data"/> (initial value and final xor 0xFFFFFFFF).</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        // BitOperations.Crc32C uses the SSE4.2/ARM instruction where there is one.
        var crc = uint.MaxValue;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        for (; i < data.Length; i++)
            crc = BitOperations.Crc32C(crc, data[i]);
        return ~crc;
    }
}
