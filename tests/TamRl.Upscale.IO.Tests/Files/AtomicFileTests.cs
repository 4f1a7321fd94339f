using TamRl.Upscale.IO.Files;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Files;

public class AtomicFileTests
{
    [Fact]
    public void Write_LeavesTheTargetUntouched_AndNoTemporaryFiles_WhenTheWriterFails()
    {
        using var dir = new TempDirectory();
        var target = dir.File("product.tif");
        File.WriteAllText(target, "old");

        Assert.Throws<IOException>(() => AtomicFile.Write(target, temp =>
        {
            File.WriteAllText(temp, "half");
            File.WriteAllText(temp + ".ovr.tmp", "a companion GDAL leaves");
            throw new IOException("disk full");
        }));

        Assert.Equal("old", File.ReadAllText(target));
        Assert.Equal(["product.tif"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAllText_ReplacesTheTarget_UnderAHiddenTemporaryName()
    {
        using var dir = new TempDirectory();
        var target = dir.File("checks.json");
        File.WriteAllText(target, "old");
        string? seen = null;

        AtomicFile.Write(target, temp => { seen = temp; File.WriteAllText(temp, "new"); });
        AtomicFile.WriteAllText(target, "newer");

        Assert.Equal("newer", File.ReadAllText(target));
        Assert.StartsWith(".checks.json.", Path.GetFileName(seen));
        Assert.Equal(Path.GetDirectoryName(target), Path.GetDirectoryName(seen));
        Assert.Equal(["checks.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }
}
