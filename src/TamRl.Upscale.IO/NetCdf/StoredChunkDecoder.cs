using System.IO.Compression;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TamRl.Upscale.IO.NetCdf;

/// <summary>
/// Turns one stored chunk back into its values: its bytes come from HDF5 (<see cref="StoredChunks"/>), then they are
/// inflated with .NET's zlib (zlib-ng, faster than the system zlib HDF5 uses) and HDF5's byte shuffle is undone, outside
/// HDF5 and its lock. One decoder per thread: it owns the scratch buffers, kept between chunks because a fresh
/// multi-megabyte buffer per chunk costs more in page faults than the decompression (bench/RESULTS.md, "IO, session 14").
/// </summary>
internal sealed class StoredChunkDecoder
{
    private readonly StoredChunks _chunks;
    private byte[] _raw = [];
    private byte[] _shuffled = [];

    public StoredChunkDecoder(StoredChunks chunks) => _chunks = chunks;

    /// <summary>
    /// Reads the chunk at <paramref name="gridIndex"/> and decodes it into <paramref name="destination"/> (exactly one stored
    /// chunk of bytes). False, with <paramref name="destination"/> untouched, for a chunk never written.
    /// </summary>
    public bool TryDecode(long gridIndex, Span<byte> destination)
    {
        var expected = _chunks.ChunkElements * _chunks.ElementSize;
        if (destination.Length != expected)
            throw new ArgumentException($"A chunk of {expected} bytes, a destination of {destination.Length}.");
        if (!_chunks.TryRead(gridIndex, ref _raw, out var size, out var mask))
            return false;
        Decode(gridIndex, _raw.AsSpan(0, size), mask, destination);
        return true;
    }

    private void Decode(long gridIndex, Span<byte> raw, uint mask, Span<byte> destination)
    {
        var expected = destination.Length;
        var deflated = _chunks.DeflateAt >= 0 && (mask & (1u << _chunks.DeflateAt)) == 0;
        var shuffled = _chunks.ShuffleAt >= 0 && _chunks.ElementSize > 1 && (mask & (1u << _chunks.ShuffleAt)) == 0;
        Span<byte> plain;
        if (shuffled)
        {
            if (_shuffled.Length < expected)
                _shuffled = GC.AllocateUninitializedArray<byte>(expected);
            plain = _shuffled.AsSpan(0, expected);
        }
        else
            plain = destination;

        if (deflated)
            Inflate(gridIndex, raw, plain);
        else if (raw.Length != expected)
            throw Corrupt(gridIndex, $"{raw.Length} bytes stored without compression, {expected} expected");
        else
            raw.CopyTo(plain);

        if (shuffled)
            Unshuffle(plain, destination, _chunks.ElementSize);
    }

    private void Inflate(long gridIndex, Span<byte> raw, Span<byte> plain)
    {
        int total;
        try
        {
            unsafe
            {
                fixed (byte* p = raw)
                {
                    using var stream = new UnmanagedMemoryStream(p, raw.Length);
                    using var zlib = new ZLibStream(stream, CompressionMode.Decompress);
                    total = zlib.ReadAtLeast(plain, plain.Length, throwOnEndOfStream: false);
                    if (total == plain.Length && zlib.Read(stackalloc byte[1]) != 0)
                        throw Corrupt(gridIndex, $"it inflates to more than the {plain.Length} bytes of a chunk");
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(gridIndex, $"zlib refused it ({e.Message})");
        }
        if (total != plain.Length)
            throw Corrupt(gridIndex, $"it inflates to {total} bytes, a chunk holds {plain.Length}");
    }

    /// <summary>
    /// HDF5's shuffle stores byte 0 of every element, then byte 1 of every element, and so on; this puts each element's
    /// bytes back together. Four-byte elements (float, int: the cubes) take a vector path.
    /// </summary>
    internal static unsafe void Unshuffle(ReadOnlySpan<byte> shuffled, Span<byte> destination, int elementSize)
    {
        var n = shuffled.Length / elementSize;
        fixed (byte* src = shuffled)
        fixed (byte* dst = destination)
        {
            var e = 0;
            if (elementSize == 4 && Sse2.IsSupported)
            {
                byte* p0 = src, p1 = src + n, p2 = src + 2 * n, p3 = src + 3 * n;
                for (; e + 16 <= n; e += 16)
                {
                    var b0 = Sse2.LoadVector128(p0 + e);
                    var b1 = Sse2.LoadVector128(p1 + e);
                    var b2 = Sse2.LoadVector128(p2 + e);
                    var b3 = Sse2.LoadVector128(p3 + e);
                    var low01 = Sse2.UnpackLow(b0, b1).AsUInt16();
                    var high01 = Sse2.UnpackHigh(b0, b1).AsUInt16();
                    var low23 = Sse2.UnpackLow(b2, b3).AsUInt16();
                    var high23 = Sse2.UnpackHigh(b2, b3).AsUInt16();
                    var o = (ushort*)(dst + 4 * e);
                    Sse2.Store(o, Sse2.UnpackLow(low01, low23));
                    Sse2.Store(o + 8, Sse2.UnpackHigh(low01, low23));
                    Sse2.Store(o + 16, Sse2.UnpackLow(high01, high23));
                    Sse2.Store(o + 24, Sse2.UnpackHigh(high01, high23));
                }
            }
            for (; e < n; e++)
                for (var b = 0; b < elementSize; b++)
                    dst[e * elementSize + b] = src[b * n + e];
            // Bytes past the last whole element (none in a chunk of whole elements) stay where HDF5 left them.
            for (var i = n * elementSize; i < shuffled.Length; i++)
                dst[i] = src[i];
        }
    }

    private InvalidDataException Corrupt(long gridIndex, string what) =>
        new($"{_chunks.Path}: variable '{_chunks.Variable}': stored chunk {gridIndex} is unreadable: {what}.");
}
