namespace TamRl.Upscale.IO.Tests;

public class NativeBlockTests
{
    [Fact]
    public void Slices_StayInsideTheBlock_AndAFreedBlockRefusesUse()
    {
        var block = new NativeBlock<float>(3_000_000); // 12 MB: above a huge page, so it is advised
        block.Slice(2_999_990, 10).Fill(7f);
        Assert.Equal(7f, block.Slice(2_999_999, 1)[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => block.Slice(2_999_995, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => block.Slice(-1, 1));
        block.Dispose();
        block.Dispose(); // twice is harmless
        Assert.Throws<ObjectDisposedException>(() => block.Slice(0, 1));
    }

    /// <summary>Where the kernel offers transparent huge pages on request (THP "madvise" or "always"), the advice is taken.</summary>
    [Fact]
    public unsafe void HugePageAdvice_IsTaken_WhereTheKernelOffersHugePages()
    {
        const string setting = "/sys/kernel/mm/transparent_hugepage/enabled";
        if (!OperatingSystem.IsLinux() || !File.Exists(setting) || File.ReadAllText(setting).Contains("[never]"))
            return; // nothing to ask for
        const long bytes = 4L << 20;
        var p = System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)bytes, 2 << 20);
        try
        {
            Assert.True(NativeHeap.AdviseHugePages(p, bytes));
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.AlignedFree(p);
        }
    }
}
