using System.Diagnostics;
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

/// <summary>A tmpfs of a few MiB mounted on a temporary folder, unmounted and removed on dispose.</summary>
public sealed class SmallTmpfs : IDisposable
{
    private static readonly Lazy<string?> Probe = new(() =>
    {
        using var probe = new SmallTmpfs(1, probing: true);
        return probe.Error;
    });

    private readonly TempDirectory _dir = new("tamrl-tmpfs");
    private readonly bool _mounted;

    public SmallTmpfs(int megabytes) : this(megabytes, probing: false) { }

    private SmallTmpfs(int megabytes, bool probing)
    {
        Path = _dir.File("disk");
        Directory.CreateDirectory(Path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", Path);
        _mounted = code == 0;
        Error = _mounted ? null : $"mount -t tmpfs failed ({output.Trim()})";
        if (!_mounted && !probing)
            throw new InvalidOperationException(Error);
    }

    /// <summary>Why no tmpfs can be mounted here (not root, no CAP_SYS_ADMIN, no mount command); null when one can.</summary>
    public static string? CannotMount => Probe.Value;

    public string Path { get; }

    private string? Error { get; }

    private static (int, string) Run(string file, params string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    public void Dispose()
    {
        if (_mounted)
            Run("umount", "-l", Path);
        _dir.Dispose();
    }
}
