namespace TamRl.Upscale.Core.Errors;

/// <summary>
/// A file that opened fine but whose content breaks an expectation: a missing variable, wrong
/// dimensions, a non-monotonic coordinate, an unknown calendar, units that do not parse.
/// </summary>
public class InvalidInputException : DataFileException
{
    public InvalidInputException(string filePath, string? variable, string detail, Exception? inner = null)
        : base(filePath, variable, detail, inner) { }
}
