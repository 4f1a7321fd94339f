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

    /// <summary>
    /// A block of 2 MiB or more is its own kernel mapping, 2 MiB aligned and advised into huge pages: /proc/self/smaps
    /// shows the range that holds it with the "hg" flag (MADV_HUGEPAGE) wherever the kernel offers THP on request.
    /// </summary>
    [Fact]
    public unsafe void ALargeBlock_IsA2MiBAlignedMappingAdvisedIntoHugePages()
    {
        const string setting = "/sys/kernel/mm/transparent_hugepage/enabled";
        if (!OperatingSystem.IsLinux() || !File.Exists(setting) || File.ReadAllText(setting).Contains("[never]"))
            return; // nothing to ask for
        using var block = new NativeBlock<float>(3_000_000);
        var address = (ulong)System.Runtime.CompilerServices.Unsafe.AsPointer(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(block.Slice(0, 1)));
        Assert.Equal(0ul, address % (2ul << 20));

        string? flags = null;
        var inRange = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-');
            if (dash > 0 && line.IndexOf(' ') > dash && ulong.TryParse(line[..dash], System.Globalization.NumberStyles.HexNumber, null, out var start)
                && ulong.TryParse(line[(dash + 1)..line.IndexOf(' ')], System.Globalization.NumberStyles.HexNumber, null, out var end))
                inRange = start <= address && address < end;
            else if (inRange && line.StartsWith("VmFlags:", StringComparison.Ordinal))
                flags = line;
        }
        Assert.NotNull(flags);
        Assert.Contains(" hg", flags);
    }
}
