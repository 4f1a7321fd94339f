using System.IO.Compression;

namespace TamRl.Upscale.IO.Zarr.Codecs;

/// <summary>The <c>gzip</c> codec (RFC 1952), through <see cref="GZipStream"/>; the level is irrelevant to decoding.</summary>
internal sealed class GzipCodec : IZarrBytesCodec
{
    public string Name => "gzip";

    public byte[] Decode(byte[] encoded, int sizeHint)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(encoded, writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream(Math.Max(sizeHint, 0));
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"gzip: {e.Message}", e);
        }
        catch (EndOfStreamException e)
        {
            // A truncated stream can end mid-block.
            throw new InvalidDataException($"gzip: truncated stream ({e.Message})", e);
        }
    }
}
