using System.Buffers.Binary;
using TamRl.Upscale.IO.Zarr.Native;

namespace TamRl.Upscale.IO.Zarr.Codecs;

/// <summary>
/// The <c>blosc</c> codec (c-blosc 1.x buffers), through libblosc (<see cref="BloscNative"/>). The
/// configuration (cname, clevel, shuffle, typesize, blocksize) is not needed to decode: the 16-byte
/// header records the compressor, the shuffle and the sizes.
/// </summary>
/// <remarks>
/// blosc_decompress_ctx trusts the header's compressed size and would read past a truncated buffer, so the
/// header is checked here first: its compressed size must equal the buffer's length.
/// </remarks>
internal sealed unsafe class BloscCodec : IZarrBytesCodec
{
    public string Name => "blosc";

    public byte[] Decode(byte[] encoded, int sizeHint)
    {
        if (encoded.Length < BloscNative.HeaderSize)
            throw new InvalidDataException($"blosc: {encoded.Length} bytes, shorter than the 16-byte header");
        var header = encoded.AsSpan();
        var version = header[0];
        var nbytes = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        var cbytes = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        if (version is 0 or > 2)
            throw new InvalidDataException($"blosc: header version {version} is not a c-blosc 1.x buffer");
        if (cbytes != encoded.Length)
            throw new InvalidDataException($"blosc: header says {cbytes} compressed bytes, the chunk has {encoded.Length} (truncated or corrupt)");
        if (nbytes < 0)
            throw new InvalidDataException($"blosc: header says {nbytes} decompressed bytes");
        var result = new byte[nbytes];
        if (nbytes == 0)
            return result;
        fixed (byte* src = encoded)
        fixed (byte* dst = result)
        {
            var written = BloscNative.blosc_decompress_ctx(src, dst, (nuint)nbytes, 1);
            if (written != nbytes)
                throw new InvalidDataException($"blosc: decompression failed (code {written})");
        }
        return result;
    }
}
