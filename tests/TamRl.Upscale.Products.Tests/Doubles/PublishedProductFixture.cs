using TamRl.Upscale.Products.Publishing;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.Doubles;

/// <summary>One product published once for a class of tests: a 10-degree world, 2021-01-01..2021-02-28, quicklooks on.</summary>
public sealed class PublishedProductFixture : IDisposable
{
    private readonly TempDirectory _dir = new("tamrl-products");

    public PublishedProductFixture()
    {
        RunDir = _dir.File("runs/r1");
        BundlePath = _dir.File("bundle.json");
        System.IO.File.WriteAllText(BundlePath, """
            {"format_version": 1, "model": "tamrl", "split": "igbp", "training_sites": ["US-Wi7", "DE-Tha"],
             "members": [{"file": "member_00.bin", "seed": 1, "sha256": "aa11"}, {"file": "member_01.bin", "seed": 2, "sha256": "bb22"}]}
            """);
        // What the bundle's reader (Model/Bundle/BundleManifestFile) records of it; Products does not read bundles.
        TestRuns.Inferred(RunDir, modelAttributes: new Dictionary<string, string>
        {
            ["bundle_sha256"] = Core.Files.FileHash.Sha256(BundlePath), ["format_version"] = "1", ["model"] = "tamrl", ["split"] = "igbp",
            ["training_sites"] = "US-Wi7 DE-Tha", ["training_site_count"] = "2", ["member_sha256"] = "aa11 bb22",
        });
        Result = ProductPublisher.Publish(RunDir, _dir.Path, new PublishOptions { Checks = TestChecks.Lenient });
    }

    public string RunDir { get; }

    /// <summary>A small bundle.json whose provenance the products carry.</summary>
    public string BundlePath { get; }

    public PublishResult Result { get; }

    public string Out => _dir.Path;

    /// <summary>A file of the published period, e.g. "netcdf/tamrl_daily_2021-01.nc".</summary>
    public string File(string relative) => Path.Combine(Result.PeriodFolder, relative);

    public void Dispose() => _dir.Dispose();
}
