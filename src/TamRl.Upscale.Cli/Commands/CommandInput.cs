using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>Option values parsed by hand (periods, byte sizes, boxes, bounds): a bad one is a refusal naming the option, not a stack trace.</summary>
internal static class CommandInput
{
    public static T Parse<T>(string option, string? text, Func<string, T> parse)
    {
        try
        {
            return parse(text ?? throw new FormatException("missing value"));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new TamRlException($"{option} '{text}': {e.Message}", e);
        }
    }
}
