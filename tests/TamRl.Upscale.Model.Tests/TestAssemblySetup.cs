using System.Runtime.CompilerServices;
using TamRl.Upscale.Model.Runtime;

// libtorch's default generator and thread count are process-wide, and several test classes here seed and draw
// from them directly (manual_seed, randn) to build their inputs: run the classes one after another, so no
// class's draws land between another's seeding and its own.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

namespace TamRl.Upscale.Model.Tests;

internal static class TestAssemblySetup
{
    /// <summary>The native environment (OMP wait policy, MKL strict reproducibility) before any test touches libtorch.</summary>
    [ModuleInitializer]
    internal static void Initialise() => TorchRuntime.Initialise();
}
