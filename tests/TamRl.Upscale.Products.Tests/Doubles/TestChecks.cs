using TamRl.Upscale.Products.Checks;

namespace TamRl.Upscale.Products.Tests.Doubles;

public static class TestChecks
{
    /// <summary>The default checks with global-total bounds wide enough for the synthetic world's partial, coarse land.</summary>
    public static readonly CheckOptions Lenient = CheckOptions.Default with
    {
        TotalBounds = new Dictionary<string, (double, double)> { ["gpp"] = (1, 1000), ["reco"] = (1, 1000), ["nee"] = (-500, 500) },
    };
}
