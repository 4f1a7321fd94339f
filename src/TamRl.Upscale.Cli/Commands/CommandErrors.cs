using TamRl.Upscale.Core.Errors;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>
/// One way for every verb to turn a refusal into a message and an exit code: errors the pipeline
/// raises on purpose print their message (which names the file and field) without a stack trace.
/// </summary>
internal static class CommandErrors
{
    /// <summary>Exit code for a refused input or a failed stage.</summary>
    public const int Refused = 2;

    public static int Run(Func<int> body, TextWriter? stderr = null)
    {
        stderr ??= Console.Error;
        try
        {
            return body();
        }
        catch (TamRlException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Refused;
        }
        catch (IOException e) when (DiskFullException.Find(e) is { } full)
        {
            // A .NET write on a full disk (ENOSPC): the file and the free space, not a stack trace.
            stderr.WriteLine($"error: {full.Message}");
            return Refused;
        }
        catch (FileNotFoundException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Refused;
        }
    }
}
