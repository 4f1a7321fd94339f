namespace TamRl.Upscale.Core.Errors;

/// <summary>
/// An error tied to one file and, where known, one variable or field inside it.
/// The message always starts with the file (and the variable), so that a user reading a log line
/// knows where to look without a stack trace.
/// </summary>
public class DataFileException : TamRlException
{
    public DataFileException(string filePath, string? variable, string detail, Exception? inner = null)
        : base(Format(filePath, variable, detail), inner)
    {
        FilePath = filePath;
        Variable = variable;
        Detail = detail;
    }

    /// <summary>The file (or store) the error is about.</summary>
    public string FilePath { get; }

    /// <summary>The variable, attribute or field inside the file, when the error is about one.</summary>
    public string? Variable { get; }

    /// <summary>The error without the location prefix.</summary>
    public string Detail { get; }

    private static string Format(string filePath, string? variable, string detail) =>
        variable is null ? $"{filePath}: {detail}" : $"{filePath}: variable '{variable}': {detail}";
}
