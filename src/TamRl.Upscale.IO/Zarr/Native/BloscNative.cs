using System.Runtime.InteropServices;

namespace TamRl.Upscale.IO.Zarr.Native;

/// <summary>
/// The c-blosc 1.x entry point the Zarr <c>blosc</c> codec needs (blosc.h of c-blosc 1.21).
/// Resolved to Debian's <c>libblosc.so.1</c> through <see cref="NativeLibraries"/>.
/// </summary>
internal static unsafe class BloscNative
{
    private const string Lib = "blosc";

    /// <summary>Size of the header every blosc 1.x buffer starts with.</summary>
    public const int HeaderSize = 16;

    static BloscNative() => NativeLibraries.EnsureResolver();

    /// <summary>
    /// Thread-safe decompression (no global state, unlike blosc_decompress). Returns the number of bytes
    /// written, or a value &lt;= 0 on error. It trusts the header's compressed size: the caller must check
    /// it against the buffer first.
    /// </summary>
    [DllImport(Lib)] public static extern int blosc_decompress_ctx(byte* src, byte* dest, nuint destsize, int numinternalthreads);
}
