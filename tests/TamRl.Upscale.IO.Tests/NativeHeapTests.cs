using System.Runtime.InteropServices;

namespace TamRl.Upscale.IO.Tests;

/// <summary>Measures this process's resident memory, so no other test of the assembly may run beside it.</summary>
[CollectionDefinition(nameof(NativeHeapTests), DisableParallelization = true)]
public class NativeHeapCollection;

[Collection(nameof(NativeHeapTests))]
public class NativeHeapTests
{
    private static long RssKiB() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ReleaseFreeMemory_GivesFreedCHeapBlocksBackToTheSystem()
    {
        // Many small blocks (below the mmap threshold) written and freed: glibc keeps them resident.
        var blocks = new IntPtr[4096];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(16 * 1024);
            unsafe { new Span<byte>((void*)blocks[i], 16 * 1024).Fill(1); }
        }
        // Keep the last one so the heap's top cannot simply shrink: only a trim releases the rest.
        for (var i = 0; i < blocks.Length - 1; i++)
            Marshal.FreeHGlobal(blocks[i]);
        var before = RssKiB();

        Assert.True(NativeHeap.ReleaseFreeMemory());
        var after = RssKiB();
        Marshal.FreeHGlobal(blocks[^1]);

        Assert.True(before - after > 16 * 1024, $"RSS {before} KiB before, {after} KiB after"); // most of the 64 MiB freed
    }
}
