using System.Runtime.InteropServices;
using TamRl.Upscale.IO.Zarr.Native;

namespace TamRl.Upscale.IO.Zarr.Codecs;

/// <summary>
/// The <c>zstd</c> codec, through libzstd (<see cref="ZstdNative"/>). The decoded size comes from the
/// frame header; a frame without it is decoded into a buffer of the expected chunk size. Only the first
/// frame's size is consulted: a buffer of several frames whose total exceeds that fails as corrupt.
/// </summary>
internal sealed unsafe class ZstdCodec : IZarrBytesCodec
{
    public string Name => "zstd";

    public byte[] Decode(byte[] encoded, int sizeHint)
    {
        fixed (byte* src = encoded)
        {
            var contentSize = ZstdNative.ZSTD_getFrameContentSize(src, (nuint)encoded.Length);
            if (contentSize == ZstdNative.ContentSizeError)
                throw new InvalidDataException("zstd: not a zstd frame or the frame header is truncated");
            var capacity = contentSize == ZstdNative.ContentSizeUnknown ? (ulong)Math.Max(sizeHint, 0) : contentSize;
            if (capacity > int.MaxValue)
                throw new InvalidDataException($"zstd: frame claims {contentSize} bytes, more than a chunk can hold");
            var result = new byte[capacity];
            fixed (byte* dst = result)
            {
                var written = ZstdNative.ZSTD_decompress(dst, (nuint)result.Length, src, (nuint)encoded.Length);
                if (ZstdNative.ZSTD_isError(written) != 0)
                    throw new InvalidDataException($"zstd: {Marshal.PtrToStringUTF8(ZstdNative.ZSTD_getErrorName(written))}");
                return (int)written == result.Length ? result : result[..(int)written];
            }
        }
    }
}
