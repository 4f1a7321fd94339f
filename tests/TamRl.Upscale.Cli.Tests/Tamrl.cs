using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Cli.Tests;

/// <summary>Runs the real <c>tamrl</c> program as a user would (a separate process), capturing its output.</summary>
internal static class Tamrl
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "tamrl.dll");

    public static ExternalTool.Result Run(params string[] args) => ExternalTool.Run("dotnet", [Dll, .. args]);
}
