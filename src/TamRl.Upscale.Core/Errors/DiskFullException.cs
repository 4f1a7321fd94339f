namespace TamRl.Upscale.Core.Errors;

/// <summary>
/// A write failed because the file system holding the file is full (ENOSPC). Names the file being written and what was
/// left free, so that an operator knows which disk to clear. It is not an input error: the writers leave nothing
/// half-written, so the same stage succeeds once space is freed (the orchestration retries it).
/// </summary>
/// <remarks>
/// The native libraries do not always keep the errno: netCDF-4 reports a full disk as "NetCDF: HDF error", GDAL as a
/// write error. Their wrappers (IO's NetCdfFile, GdalErrors) ask <see cref="IsNearlyFull"/> when a write fails and
/// raise this type then; .NET's own IOException carries ENOSPC and is recognised by <see cref="Find"/>.
/// </remarks>
public sealed class DiskFullException : DataFileException
{
    /// <summary>Linux's errno for "No space left on device" (also what netCDF-C returns as a positive status).</summary>
    public const int Enospc = 28;

    /// <summary>Below this many free bytes a failed write is taken for a full disk.</summary>
    public const long NearlyFullBytes = 1 << 20;

    private const string SystemMessage = "No space left on device";

    public DiskFullException(string filePath, string operation, Exception? inner = null)
        : base(TargetOf(filePath), null, $"no space left on device ({operation}{WrittenAs(filePath)}; {Describe(filePath)})", inner)
    {
        Operation = operation;
    }

    /// <summary>What was being done when the disk filled up: "write", "close", "create copy"...</summary>
    public string Operation { get; }

    /// <summary>
    /// The disk-full error behind <paramref name="e"/> (itself, an inner exception, or an ENOSPC IOException turned into
    /// one naming its file); null when the failure is something else.
    /// </summary>
    public static DiskFullException? Find(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case DiskFullException full:
                    return full;
                case AggregateException many:
                    foreach (var inner in many.InnerExceptions)
                        if (Find(inner) is { } found)
                            return found;
                    break;
                case IOException io when io.HResult == Enospc || io.Message.Contains(SystemMessage, StringComparison.OrdinalIgnoreCase):
                    return new DiskFullException(QuotedPath(io.Message) ?? "(file not named by the system)", "write", e);
                case DataFileException file when file.Message.Contains(SystemMessage, StringComparison.OrdinalIgnoreCase):
                    return new DiskFullException(file.FilePath, "write", e);
            }
        }
        return null;
    }

    /// <summary>
    /// True when the file system that holds <paramref name="path"/> (or its nearest existing folder) has less than
    /// <see cref="NearlyFullBytes"/> free: a write that failed there without an errno failed for want of space.
    /// </summary>
    public static bool IsNearlyFull(string path) => FreeBytes(path) is { } free && free < NearlyFullBytes;

    /// <summary>Free bytes on the file system of <paramref name="path"/>; null when it cannot be asked.</summary>
    public static long? FreeBytes(string path)
    {
        try
        {
            var folder = Path.GetFullPath(path);
            while (!Directory.Exists(folder))
                folder = Path.GetDirectoryName(folder) ?? "/";
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static string Describe(string path)
    {
        try
        {
            var folder = Path.GetFullPath(path);
            while (!Directory.Exists(folder))
                folder = Path.GetDirectoryName(folder) ?? "/";
            var drive = new DriveInfo(folder);
            return $"{drive.AvailableFreeSpace} bytes free of {drive.TotalSize} on {drive.RootDirectory.FullName}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return "free space unknown";
        }
    }

    // IO's AtomicFile writes FOLDER/.NAME.PID.GUID.tmp[.ext] and renames it to FOLDER/NAME: the operator looks for NAME.
    private static readonly System.Text.RegularExpressions.Regex Temporary =
        new(@"^\.(?<name>.+)\.\d+\.[0-9a-f]{32}\.tmp(\.[^.]+)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The file a temporary file of AtomicFile becomes (the path itself for any other file).</summary>
    private static string TargetOf(string path)
    {
        var match = Temporary.Match(Path.GetFileName(path));
        return match.Success ? Path.Combine(Path.GetDirectoryName(path) ?? "", match.Groups["name"].Value) : path;
    }

    private static string WrittenAs(string path) => TargetOf(path) == path ? "" : $" of its temporary {Path.GetFileName(path)}";

    // .NET's message: "No space left on device : '/out/products/x.nc'".
    private static string? QuotedPath(string message)
    {
        var end = message.LastIndexOf('\'');
        var start = end > 0 ? message.LastIndexOf('\'', end - 1) : -1;
        return start >= 0 ? message[(start + 1)..end] : null;
    }
}
