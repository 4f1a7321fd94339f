namespace TamRl.Upscale.Core.Errors;

/// <summary>
/// A value that is not what its field takes: a command-line option, a request's field or a configuration key (no file
/// involved; a configuration file's caller wraps it in <see cref="InvalidInputException"/> naming the file). The message
/// starts with the field: "--bbox: longitude 200 is out of range [-180, 180]".
/// </summary>
public class InvalidValueException(string field, string detail) : TamRlException($"{field}: {detail}")
{
    /// <summary>The option, request field or configuration key, as the user wrote it ("--period", "bbox", "sampleWorld.start").</summary>
    public string Field { get; } = field;

    /// <summary>The error without the field.</summary>
    public string Detail { get; } = detail;
}
