using System.Runtime.InteropServices;

namespace TamRl.Upscale.IO;

/// <summary>
/// A large working buffer outside the managed heap, asked to be backed by transparent huge pages (2 MiB).
/// Why: on this project's virtual machines a first touch of a 4 KiB page costs about 10 microseconds, and the
/// step reader's and writer's chunk rows (76 MB for a 0.5 degree daily cube) are touched fresh in every
/// process: 19 k page faults each as a managed array, a few dozen as huge pages (bench/RESULTS.md, "IO,
/// session 14"). Blocks of 2 MiB and more are mapped from the kernel (<see cref="NativeHeap.MapHugePageAligned"/>);
/// where the kernel offers no huge pages (THP "never") they stay in small pages, and on another OS the block is plain
/// native memory. Contents start undefined. Not thread-safe to dispose while in use.
/// </summary>
internal sealed unsafe class NativeBlock<T> : IDisposable where T : unmanaged
{
    private const long HugePage = 2L << 20;

    private T* _pointer;
    private void* _mapping;
    private nuint _mappedBytes;
    private readonly long _bytes;

    public NativeBlock(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        var bytes = Math.Max(1, length * sizeof(T));
        _bytes = (bytes + HugePage - 1) / HugePage * HugePage;
        if (bytes >= HugePage)
            _pointer = (T*)NativeHeap.MapHugePageAligned(_bytes, HugePage, out _mapping, out _mappedBytes);
        if (_pointer == null)
        {
            _bytes = bytes;
            _pointer = (T*)NativeMemory.AlignedAlloc((nuint)_bytes, 64);
        }
        GC.AddMemoryPressure(_bytes);
    }

    ~NativeBlock() => Free();

    /// <summary>Elements in the block.</summary>
    public long Length { get; }

    public Span<T> Slice(long start, int length)
    {
        ObjectDisposedException.ThrowIf(_pointer == null, this);
        if (start < 0 || length < 0 || start + length > Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"[{start}, {start + length}) is outside a block of {Length}.");
        return new Span<T>(_pointer + start, length);
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_pointer == null)
            return;
        if (_mapping != null)
            NativeHeap.Unmap(_mapping, _mappedBytes);
        else
            NativeMemory.AlignedFree(_pointer);
        _pointer = null;
        _mapping = null;
        GC.RemoveMemoryPressure(_bytes);
    }
}
