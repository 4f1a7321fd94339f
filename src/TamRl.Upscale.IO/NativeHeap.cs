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
    /// Maps <paramref name="bytes"/> of fresh zeroed memory straight from the kernel (mmap), aligned to
    /// <paramref name="alignment"/>, and advises huge pages for it (madvise MADV_HUGEPAGE: advice only, a kernel
    /// without THP keeps small pages). Outside the C heap on purpose: freed, it goes back to the system at once, and
    /// the advice does not stick to heap ranges that HDF5 and zlib reuse. Null where mmap is not available or fails;
    /// free a mapping with <see cref="Unmap"/> and the returned <paramref name="mapping"/> and <paramref name="mappedBytes"/>.
    /// See <see cref="NativeBlock{T}"/> for why.
    /// </summary>
    internal static unsafe void* MapHugePageAligned(long bytes, long alignment, out void* mapping, out nuint mappedBytes)
    {
        mapping = null;
        mappedBytes = 0;
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            var length = (nuint)(bytes + alignment);
            var p = mmap(null, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (p == (void*)-1)
                return null;
            mapping = p;
            mappedBytes = length;
            var aligned = (void*)(((nuint)p + (nuint)alignment - 1) / (nuint)alignment * (nuint)alignment);
            _ = madvise(aligned, (nuint)bytes, MADV_HUGEPAGE);
            return aligned;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Returns a mapping made by <see cref="MapHugePageAligned"/> to the system.</summary>
    internal static unsafe void Unmap(void* mapping, nuint mappedBytes) => _ = munmap(mapping, mappedBytes);

    private const int MADV_HUGEPAGE = 14, PROT_READ = 1, PROT_WRITE = 2, MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20;

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static unsafe partial void* mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static unsafe partial int munmap(void* address, nuint length);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static unsafe partial int madvise(void* address, nuint length, int advice);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int malloc_trim(nuint pad);
}
