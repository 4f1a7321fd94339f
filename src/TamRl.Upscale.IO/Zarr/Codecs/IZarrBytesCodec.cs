namespace TamRl.Upscale.IO.Zarr.Codecs;

/// <summary>
/// A Zarr v3 bytes-to-bytes codec (compressor or checksum), decode direction only.
/// </summary>
internal interface IZarrBytesCodec
{
    /// <summary>The codec's name in <c>zarr.json</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Decodes one chunk's bytes. <paramref name="sizeHint"/> is the size the decoded bytes should have
    /// when they are the array's raw bytes (compressors use it when the stream does not record its size).
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are truncated, corrupt or fail their checksum.</exception>
    byte[] Decode(byte[] encoded, int sizeHint);
}
