using System.Globalization;

namespace TamRl.Upscale.Bench;

/// <summary>This process's memory as the kernel reports it in /proc/self/status (Linux).</summary>
internal static class ProcessMemory
{
    /// <summary>Resident set now (VmRSS), KiB; -1 where the kernel does not say.</summary>
    public static long RssKiB() => StatusKiB("VmRSS:");

    /// <summary>Peak resident set (VmHWM) since the start or the last <see cref="ResetPeak"/>, KiB; -1 where the kernel does not say.</summary>
    public static long PeakKiB() => StatusKiB("VmHWM:");

    /// <summary>Starts VmHWM afresh from the current RSS (writing 5 to clear_refs), so that a stage's peak is its own.</summary>
    public static void ResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    // "VmHWM:\t  123456 kB": a tab, then padding spaces only while the number is shorter than 8 digits.
    private static long StatusKiB(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
        return -1;
    }
}
