using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.IO.NetCdf;

/// <summary>
/// A netCDF-C call failed. Carries the file, the variable (when the call was about one), netCDF-C's
/// status code and its own message (nc_strerror), e.g. "NetCDF: Unknown file format".
/// </summary>
public sealed class NetCdfException : DataFileException
{
    public NetCdfException(string filePath, string? variable, string operation, int status, string nativeMessage)
        : base(filePath, variable, $"{operation} failed: {nativeMessage} (netCDF status {status})")
    {
        Status = status;
        NativeMessage = nativeMessage;
        Operation = operation;
    }

    /// <summary>netCDF-C's status code (negative netCDF errors, positive errno values).</summary>
    public int Status { get; }

    /// <summary>netCDF-C's own message for <see cref="Status"/>.</summary>
    public string NativeMessage { get; }

    /// <summary>What was being done: "open", "read", "define variable"...</summary>
    public string Operation { get; }
}
