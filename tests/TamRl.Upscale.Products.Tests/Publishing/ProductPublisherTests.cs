using TamRl.Upscale.Products.Publishing;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.Publishing;

public class ProductPublisherTests
{
    [Fact]
    public void Publish_WritesEveryProductAndTheManifest_WhenChecksPass()
    {
        using var dir = new TempDirectory();
        var runDir = dir.File("runs/r1");
        TestRuns.Inferred(runDir);

        var result = ProductPublisher.Publish(runDir, dir.Path, new PublishOptions { Checks = TestChecks.Lenient });

        Assert.True(result.Checks.Passed, result.Checks.Summary());
        var root = dir.File("products");
        var manifest = ProductManifest.Load(Path.Combine(root, "manifest.json"));
        Assert.NotEmpty(manifest.Files);
        foreach (var entry in manifest.Files)
            Assert.Equal(entry.Sha256, ProductManifest.Sha256Of(Path.Combine(root, entry.File)));
        Assert.Contains(manifest.Files, f => f.File == "2021-01-01_2021-02-28/netcdf/tamrl_daily_2021-01.nc" && f.Variable == "gpp" && f.Format == "netcdf-daily");
        Assert.Contains(manifest.Files, f => f.File == "2021-01-01_2021-02-28/cog/nee_2021-02.tif" && f.Period == "2021-02");
        Assert.Contains(manifest.Files, f => f.File == "2021-01-01_2021-02-28/quicklook/reco_2021-01.png" && f.Format == "png");
        Assert.True(File.Exists(Path.Combine(root, "checks.json")));
    }
}
