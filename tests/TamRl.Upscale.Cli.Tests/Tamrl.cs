using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Cli.Tests;

/// <summary>Runs the real <c>tamrl</c> program as a user would (a separate process), capturing its output.</summary>
internal static class Tamrl
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "tamrl.dll");

    private static readonly string SyntheticDll = Path.Combine(AppContext.BaseDirectory, "tamrl-synthetic.dll");

    public static ExternalTool.Result Run(params string[] args) => ExternalTool.Run("dotnet", [Dll, .. args]);

    /// <summary>The same program with the tests' synthetic pipeline registered too (tests/TamRl.Upscale.Cli.Synthetic).</summary>
    public static ExternalTool.Result RunSynthetic(params string[] args) => ExternalTool.Run("dotnet", [SyntheticDll, .. args]);
}
