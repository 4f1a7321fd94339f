using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.IO.Gdal;

/// <summary>
/// A GDAL call failed on a file. Carries GDAL's own error class, error number and message, and, like
/// every <see cref="DataFileException"/>, names the file (for HDF4/netCDF subdatasets, the whole GDAL
/// name, e.g. <c>HDF4_EOS:EOS_GRID:"f.hdf":grid:field</c>) and, where known, the variable.
/// </summary>
public sealed class GdalException : DataFileException
{
    public GdalException(string filePath, string? variable, string operation, GdalErrorClass errorClass, int errorNumber, string gdalMessage)
        : base(filePath, variable, FormatDetail(operation, gdalMessage))
    {
        Operation = operation;
        ErrorClass = errorClass;
        ErrorNumber = errorNumber;
        GdalMessage = gdalMessage;
    }

    /// <summary>What this project asked GDAL to do, e.g. "cannot open".</summary>
    public string Operation { get; }

    /// <summary>GDAL's error class; <see cref="GdalErrorClass.None"/> when GDAL failed without saying why.</summary>
    public GdalErrorClass ErrorClass { get; }

    /// <summary>GDAL's <c>CPLE_*</c> error number (0 when GDAL reported none).</summary>
    public int ErrorNumber { get; }

    /// <summary>GDAL's message, verbatim (empty when GDAL reported none).</summary>
    public string GdalMessage { get; }

    private static string FormatDetail(string operation, string gdalMessage) =>
        string.IsNullOrEmpty(gdalMessage) ? $"{operation} (GDAL gave no message)" : $"{operation}: {gdalMessage}";
}
