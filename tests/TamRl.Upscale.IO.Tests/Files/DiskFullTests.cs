using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Files;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Files;

/// <summary>
/// Writes onto a 1 MiB tmpfs that they overflow (issue 17, a full output disk): every writer of the products (netCDF-C for
/// NetCDF-3 and -4, GDAL for COGs, .NET for JSON) must fail with <see cref="DiskFullException"/> naming the file being
/// written, and leave no temporary file behind. Needs permission to mount (root or CAP_SYS_ADMIN); skipped otherwise.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private SmallTmpfs? _disk;

    /// <summary>A 1 MiB tmpfs, mounted on first use (a plain fact here needs none).</summary>
    private SmallTmpfs Disk => _disk ??= new SmallTmpfs(1);

    [TmpfsFact]
    public void NetCdf4_OnAFullDisk_ThrowsDiskFullNamingTheFile()
    {
        var path = Path.Combine(Disk.Path, "big.nc");
        var e = Assert.Throws<DiskFullException>(() => WriteNetCdf(path, NetCdfFormat.NetCdf4));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("no space left on device", e.Message);
        Assert.IsType<NetCdfException>(e.InnerException);
    }

    [TmpfsFact]
    public void NetCdf3_OnAFullDisk_ThrowsDiskFullNamingTheFile()
    {
        var path = Path.Combine(Disk.Path, "big3.nc");
        var e = Assert.Throws<DiskFullException>(() => WriteNetCdf(path, NetCdfFormat.Offset64));
        Assert.Equal(path, e.FilePath);
    }

    [TmpfsFact]
    public void Cog_OnAFullDisk_ThrowsDiskFullNamingTheFile_AndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(Disk.Path, "big.tif");
        var values = Noise(1024 * 1024); // 4 MiB of incompressible floats
        var e = Assert.Throws<DiskFullException>(() => CogWriter.Write(path, new FloatRaster(1024, 1024, GeoTransform.ForGlobalGrid(360.0 / 1024), -9999f, [new FloatBand(values)])));
        Assert.Equal(path, e.FilePath);
        Assert.Empty(Directory.GetFileSystemEntries(Disk.Path));
    }

    [TmpfsFact]
    public void AtomicFileText_OnAFullDisk_ThrowsDiskFullNamingTheTarget_AndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(Disk.Path, "manifest.json");
        var e = Assert.Throws<DiskFullException>(() => AtomicFile.WriteAllText(path, new string('x', 3 << 20)));
        Assert.Equal(path, e.FilePath);
        Assert.Empty(Directory.GetFileSystemEntries(Disk.Path));
    }

    [Fact]
    public void Find_TurnsAnEnospcIOExceptionIntoDiskFull_NamingItsFile_AndLeavesOtherErrorsAlone()
    {
        var io = new IOException("No space left on device : '/out/products/x.nc'", DiskFullException.Enospc);
        Assert.Equal("/out/products/x.nc", DiskFullException.Find(new InvalidOperationException("wrapped", io))!.FilePath);
        Assert.Null(DiskFullException.Find(new IOException("Permission denied : '/x'", 13)));
    }

    [Fact]
    public void ADiskFullException_OnAnAtomicFileTemporary_NamesTheFileItBecomes()
    {
        // What the faults bench saw first: the hidden temporary of a chunk being written, not the chunk.
        var temp = AtomicFile.TempBeside("/out/runs/r/chunks/chunk_00000.nc");
        var e = new DiskFullException(temp, "create");
        Assert.Equal("/out/runs/r/chunks/chunk_00000.nc", e.FilePath);
        Assert.Contains($"of its temporary {Path.GetFileName(temp)}", e.Message);
        Assert.Equal("/out/x.png", new DiskFullException(AtomicFile.TempBeside("/out/x.png", ".png"), "write").FilePath);
    }

    private static void WriteNetCdf(string path, NetCdfFormat format)
    {
        using var nc = NetCdfFile.Create(path, format);
        nc.AddDimension("x", 1024 * 1024);
        nc.AddVariable("v", NcType.Float, ["x"]);
        nc.Write<float>("v", Noise(1024 * 1024));
    }

    private static float[] Noise(int count)
    {
        var random = new Random(17);
        return Enumerable.Range(0, count).Select(_ => random.NextSingle()).ToArray();
    }

    public void Dispose() => _disk?.Dispose();
}

/// <summary>A fact that runs only where a tmpfs can be mounted, and says why it was skipped otherwise.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (SmallTmpfs.CannotMount is { } why)
            Skip = $"needs a small tmpfs to fill: {why}";
    }
}
