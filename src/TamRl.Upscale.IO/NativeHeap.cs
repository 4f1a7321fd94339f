using System.Runtime.InteropServices;

namespace TamRl.Upscale.IO;

/// <summary>
/// The C heap that netCDF-C, HDF5, zlib and GDAL allocate from (glibc malloc). glibc keeps memory freed by
/// them for reuse instead of returning it to the system, and after large blocks have been freed it stops
/// using mmap for blocks of that size, so a process that compresses and decompresses megabyte chunks keeps
/// their high-water mark as resident memory. <see cref="ReleaseFreeMemory"/> gives the freed part back.
/// </summary>
public static partial class NativeHeap
{
    /// <summary>Returns free C-heap memory to the system (glibc malloc_trim); false where there was none, or the C library is not glibc.</summary>
    public static bool ReleaseFreeMemory()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            return malloc_trim(0) != 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false; // not glibc (e.g. musl)
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Asks the kernel to back [address, address + bytes) with transparent huge pages (madvise MADV_HUGEPAGE); the
    /// range should be 2 MiB aligned. Advice only: false where the kernel or C library refuses it, and the memory
    /// then stays in small pages. See <see cref="NativeBlock{T}"/> for why.
    /// </summary>
    internal static unsafe bool AdviseHugePages(void* address, long bytes)
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            return madvise(address, (nuint)bytes, MADV_HUGEPAGE) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    private const int MADV_HUGEPAGE = 14;

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static unsafe partial int madvise(void* address, nuint length, int advice);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int malloc_trim(nuint pad);
}
