using System.Diagnostics;

namespace TamRl.Upscale.TestSupport;

/// <summary>
/// A tmpfs of a few MiB mounted on a temporary folder (unmounted and removed on dispose), for writes that must meet a full
/// disk (issue 17). Needs root or CAP_SYS_ADMIN: <see cref="CannotMount"/> says why not, for a test to skip with.
/// </summary>
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

    /// <summary>Takes every free byte of the disk with one file (fallocate), so that the next write fails; returns its path.</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        var free = new DriveInfo(Path).AvailableFreeSpace;
        var (code, output) = Run("fallocate", "-l", free.ToString(System.Globalization.CultureInfo.InvariantCulture), filler);
        if (code != 0)
            throw new InvalidOperationException($"fallocate {filler}: {output}");
        return filler;
    }

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
