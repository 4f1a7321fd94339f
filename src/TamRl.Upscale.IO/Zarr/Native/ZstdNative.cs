using System.Runtime.InteropServices;

namespace TamRl.Upscale.IO.Zarr.Native;

/// <summary>
/// The libzstd entry points the Zarr <c>zstd</c> codec needs (zstd.h of zstd 1.5; size_t as nuint).
/// Resolved to Debian's <c>libzstd.so.1</c> through <see cref="NativeLibraries"/>.
/// </summary>
internal static unsafe class ZstdNative
{
    private const string Lib = "zstd";

    /// <summary>ZSTD_getFrameContentSize: the frame header does not record the size.</summary>
    public const ulong ContentSizeUnknown = unchecked((ulong)-1);

    /// <summary>ZSTD_getFrameContentSize: not a zstd frame, or the header is truncated.</summary>
    public const ulong ContentSizeError = unchecked((ulong)-2);

    static ZstdNative() => NativeLibraries.EnsureResolver();

    [DllImport(Lib)] public static extern nuint ZSTD_decompress(byte* dst, nuint dstCapacity, byte* src, nuint compressedSize);
    [DllImport(Lib)] public static extern ulong ZSTD_getFrameContentSize(byte* src, nuint srcSize);
    [DllImport(Lib)] public static extern uint ZSTD_isError(nuint code);
    [DllImport(Lib)] public static extern IntPtr ZSTD_getErrorName(nuint code);
}
