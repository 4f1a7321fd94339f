using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Core.Tests.Config;

public class TotalBoundTests
{
    private static PipelineConfig LoadProducts(TempDirectory dir, string totalBounds)
    {
        var path = dir.File("c.json");
        File.WriteAllText(path, $$"""{ "name": "x", "products": { "period": "2020", "totalBounds": {{totalBounds}} } }""");
        return PipelineConfig.Load(path);
    }

    [Fact]
    public void Load_ReadsBoundsWithTheirReasons_AndTheOlderMinMaxPairs()
    {
        using var dir = new TempDirectory();

        var config = LoadProducts(dir, """{ "nee": { "min": -7, "max": -3, "reason": "a factor of two either way" }, "gpp": [110, 140] }""");

        Assert.Equal(new TotalBound(-7, -3, "a factor of two either way"), config.Products!.TotalBounds["nee"]);
        Assert.Equal(new TotalBound(110, 140), config.Products.TotalBounds["gpp"]);
    }

    [Fact]
    public void Load_ReadsAnAdvisoryBound()
    {
        using var dir = new TempDirectory();

        var config = LoadProducts(dir, """{ "nee": { "min": -7, "max": -3, "enforce": false, "reason": "the demo's model is known to miss it" } }""");

        Assert.False(config.Products!.TotalBounds["nee"].Enforce);
        Assert.True(LoadProducts(dir, """{ "nee": [-7, -3] }""").Products!.TotalBounds["nee"].Enforce);
    }

    [Fact]
    public void Load_RefusesABoundWithoutItsReason_NamingTheField()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<InvalidInputException>(() => LoadProducts(dir, """{ "nee": { "min": -7, "max": -3 } }"""));

        Assert.Contains("totalBounds.nee", e.Message);
        Assert.Contains("reason", e.Message);
    }

    [Fact]
    public void DemoConfiguration_BoundsEveryGlobalTotal_TightlyEnoughToCatchAFactorOfTwo()
    {
        var config = PipelineConfig.Load(Path.Combine(RepoPaths.Root, "jobs", "demo.json"));
        var bounds = config.Products!.TotalBounds;

        foreach (var flux in new[] { "gpp", "reco", "nee" })
        {
            var b = bounds[flux];
            Assert.False(string.IsNullOrWhiteSpace(b.Reason));
            var middle = (b.Min + b.Max) / 2;
            // Twice and half the middle of the range both fall outside it.
            Assert.False(2 * middle >= b.Min && 2 * middle <= b.Max, flux);
            Assert.False(middle / 2 >= b.Min && middle / 2 <= b.Max, flux);
        }
    }
}
