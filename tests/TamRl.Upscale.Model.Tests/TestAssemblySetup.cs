using System.Runtime.CompilerServices;
using TamRl.Upscale.Model.Runtime;

namespace TamRl.Upscale.Model.Tests;

internal static class TestAssemblySetup
{
    /// <summary>The native environment (OMP wait policy, MKL strict reproducibility) before any test touches libtorch.</summary>
    [ModuleInitializer]
    internal static void Initialise() => TorchRuntime.Initialise();
}
