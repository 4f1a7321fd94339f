namespace TamRl.Upscale.Core.Errors;

/// <summary>
/// Root of every error TamRl.Upscale raises on purpose. Catching this type separates
/// "the pipeline refused or failed for a reason it can name" from programming errors.
/// </summary>
public class TamRlException : Exception
{
    public TamRlException(string message) : base(message) { }

    public TamRlException(string message, Exception? inner) : base(message, inner) { }
}
