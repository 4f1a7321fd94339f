using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TamRl.Upscale.IO.Gdal.Native;

namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// GDAL's error channel, turned into exceptions. One process-wide handler (installed by
/// <see cref="GdalEnvironment"/>) records, per calling thread, the last failure and the recent warnings,
/// so nothing is printed to stderr and a failed call can throw <see cref="GdalException"/> with GDAL's
/// own message. Pattern at every call site: <see cref="Reset"/>, call, and on a failure return value
/// throw <see cref="Failure"/>.
/// </summary>
/// <remarks>
/// Messages raised on GDAL's own worker threads (e.g. COG compression with NUM_THREADS) are recorded on
/// those threads, not on the caller's. The failing call still returns failure; the exception then
/// carries whatever GDAL left on the calling thread, or says that GDAL gave no message.
/// </remarks>
internal static class GdalErrors
{
    private const int MaxWarningsKept = 64;

    [ThreadStatic] private static GdalMessage? t_lastFailure;
    [ThreadStatic] private static Queue<GdalMessage>? t_warnings;

    /// <summary>
    /// Installs the handler. A function pointer to an <see cref="UnmanagedCallersOnlyAttribute"/> method
    /// is used instead of a delegate: it can never be collected, so there is no delegate to keep alive.
    /// </summary>
    internal static unsafe void InstallHandler() =>
        GdalNative.CPLSetErrorHandler(&OnGdalMessage);

    /// <summary>Forgets the calling thread's last failure (GDAL's and ours) before a call.</summary>
    internal static void Reset()
    {
        t_lastFailure = null;
        GdalNative.CPLErrorReset();
    }

    /// <summary>True when GDAL reported a failure on this thread since the last <see cref="Reset"/>.</summary>
    internal static bool FailureRecorded => t_lastFailure is not null || GdalNative.CPLGetLastErrorType() >= GdalNative.CeFailure;

    /// <summary>The exception for the failure GDAL just reported on this thread (consumes it).</summary>
    internal static GdalException Failure(string path, string? variable, string operation)
    {
        var failure = t_lastFailure ?? FromGdalState();
        Reset();
        return failure is null
            ? new GdalException(path, variable, operation, GdalErrorClass.None, 0, "")
            : new GdalException(path, variable, operation, failure.ErrorClass, failure.ErrorNumber, failure.Text);
    }

    /// <summary>
    /// The exception for a failed write of <paramref name="path"/>: <see cref="Core.Errors.DiskFullException"/> naming the
    /// file when the disk is full (GDAL reports ENOSPC as a plain write error, so the free space is asked), otherwise
    /// <see cref="Failure"/>'s.
    /// </summary>
    internal static Core.Errors.DataFileException WriteFailure(string path, string? variable, string operation, int errno = 0)
    {
        var failure = Failure(path, variable, operation);
        // GDAL removes what it wrote before it returns a failed copy, so the disk may look free again: errno tells then.
        return errno == Core.Errors.DiskFullException.Enospc || failure.GdalMessage.Contains("No space left", StringComparison.OrdinalIgnoreCase) ||
               Core.Errors.DiskFullException.IsNearlyFull(path)
            ? new Core.Errors.DiskFullException(path, operation, failure)
            : failure;
    }

    /// <summary>Throws when a CPLErr return value is CE_Failure or worse.</summary>
    internal static void ThrowIfFailed(int cplErr, string path, string? variable, string operation)
    {
        if (cplErr >= GdalNative.CeFailure)
            throw Failure(path, variable, operation);
    }

    /// <summary>The warnings GDAL emitted on this thread (at most the last 64), removed as they are returned.</summary>
    internal static IReadOnlyList<GdalMessage> TakeWarnings()
    {
        if (t_warnings is null || t_warnings.Count == 0)
            return [];
        var result = t_warnings.ToArray();
        t_warnings.Clear();
        return result;
    }

    // GDAL keeps its own per-thread last error as well; used when our handler was bypassed (e.g. a
    // message raised while a GDAL-internal quiet handler was pushed).
    private static GdalMessage? FromGdalState()
    {
        var type = GdalNative.CPLGetLastErrorType();
        if (type < GdalNative.CeFailure)
            return null;
        return new GdalMessage((GdalErrorClass)type, GdalNative.CPLGetLastErrorNo(), Clean(GdalNative.Utf8(GdalNative.CPLGetLastErrorMsg())));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnGdalMessage(int errorClass, int errorNumber, IntPtr message)
    {
        // An exception must never unwind into native code.
        try
        {
            if (errorClass == GdalNative.CeDebug)
                return;
            var recorded = new GdalMessage((GdalErrorClass)errorClass, errorNumber, Clean(GdalNative.Utf8(message)));
            if (errorClass >= GdalNative.CeFailure)
            {
                t_lastFailure = recorded;
                return;
            }
            var warnings = t_warnings ??= new Queue<GdalMessage>();
            if (warnings.Count == MaxWarningsKept)
                warnings.Dequeue();
            warnings.Enqueue(recorded);
        }
        catch
        {
            // Nothing sensible to do inside a native callback; losing one message beats crashing.
        }
    }

    private static string Clean(string? text) => (text ?? "").Trim();
}
