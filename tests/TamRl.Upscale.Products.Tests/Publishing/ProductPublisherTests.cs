using System.Diagnostics;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Products.Publishing;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.Publishing;

public class ProductPublisherTests
{
    private static readonly PublishOptions Fast = new() { Checks = TestChecks.Lenient, Quicklooks = false };

    [Fact]
    public void Publish_WritesEveryProductAndTheManifest_WhenChecksPass()
    {
        using var dir = new TempDirectory();
        var runDir = dir.File("runs/r1");
        TestRuns.Inferred(runDir);

        var result = ProductPublisher.Publish(runDir, dir.Path, new PublishOptions { Checks = TestChecks.Lenient });

        Assert.True(result.Checks!.Passed, result.Checks.Summary());
        var root = dir.File("products");
        var manifest = ProductManifest.Load(Path.Combine(root, "manifest.json"));
        PublishedState.Verified(dir.Path);
        Assert.Contains(manifest.Files, f => f.File == "2021-01-01_2021-02-28/netcdf/tamrl_daily_2021-01.nc" && f.Variable == "gpp" && f.Format == "netcdf-daily");
        Assert.Contains(manifest.Files, f => f.File == "2021-01-01_2021-02-28/netcdf/tamrl_monthly_2021-01-01_2021-02-28.nc" && f.Variable == "nee_uncertainty");
        Assert.Contains(manifest.Files, f => f.File == "2021-01-01_2021-02-28/cog/nee_2021-02.tif" && f.Period == "2021-02" && f.Format == "cog");
        Assert.Contains(manifest.Files, f => f.File == "2021-01-01_2021-02-28/quicklook/reco_2021-01.png" && f.Format == "png");
        Assert.True(File.Exists(Path.Combine(root, "checks.json")));
        Assert.Empty(PublishedState.StagingLeftovers(dir.Path));
    }

    [Fact]
    public void Publish_OfAWholeYear_AddsAnnualCogs()
    {
        using var dir = new TempDirectory();
        var runDir = dir.File("runs/y");
        TestRuns.Inferred(runDir, resolution: 30, period: DatePeriod.Year(2021), budgetBytes: 100_000_000);

        var result = ProductPublisher.Publish(runDir, dir.Path, Fast);

        Assert.Equal("2021", result.Period);
        Assert.Contains(result.Files, f => f.File == "2021/cog/gpp_2021.tif" && f.Period == "2021");
        Assert.Equal(12 * 3 + 3, result.Files.Count(f => f.Format == "cog"));
    }

    [Fact]
    public void Publish_WhenACheckFails_PublishesNothing_KeepsThePreviousProduct_AndNamesThePixels()
    {
        using var dir = new TempDirectory();
        TestRuns.Inferred(dir.File("runs/good"));
        ProductPublisher.Publish(dir.File("runs/good"), dir.Path, Fast);
        var before = PublishedState.Verified(dir.Path);
        TestRuns.Inferred(dir.File("runs/bad"), predictor: new LightUseEfficiencyTestPredictor { NeeError = 0.5f });

        var e = Assert.Throws<ProductCheckFailedException>(() => ProductPublisher.Publish(dir.File("runs/bad"), dir.Path, Fast));

        Assert.Contains("mass_balance", e.Message);
        Assert.Contains("2021-01-11", e.Message);
        Assert.Contains("checks.json", e.Message);
        Assert.Equal(before, PublishedState.Verified(dir.Path));
        var checks = File.ReadAllText(dir.File("products/checks.json"));
        Assert.Contains("\"passed\": false", checks);
        Assert.Contains("\"step\": \"2021-01-11\"", checks);
        Assert.Empty(PublishedState.StagingLeftovers(dir.Path));
    }

    [Fact]
    public void Publish_Rerun_ReplacesThePublishedPeriodWhole()
    {
        using var dir = new TempDirectory();
        TestRuns.Inferred(dir.File("runs/a"));
        var first = ProductPublisher.Publish(dir.File("runs/a"), dir.Path, Fast);
        var firstTarget = ProductPublisher.PublishedPeriods(dir.Path)[first.Period];
        TestRuns.Inferred(dir.File("runs/b"), predictor: new LightUseEfficiencyTestPredictor { Identity = "test-double:second" });

        var second = ProductPublisher.Publish(dir.File("runs/b"), dir.Path, Fast);

        Assert.Equal(first.Period, second.Period);
        var published = ProductPublisher.PublishedPeriods(dir.Path);
        Assert.Single(published);
        Assert.NotEqual(firstTarget, published[second.Period]);
        Assert.False(Directory.Exists(firstTarget)); // the old version is gone, not mixed in
        PublishedState.Verified(dir.Path);
        Assert.Contains("test-double:second", Ncdump.Header(Path.Combine(second.PeriodFolder, "netcdf/tamrl_daily_2021-01.nc")));
    }

    [Fact]
    public void Publish_OfAnotherPeriod_KeepsTheFirst_AndTheManifestListsBoth()
    {
        using var dir = new TempDirectory();
        TestRuns.Inferred(dir.File("runs/jan"), period: DatePeriod.Month(2021, 1));
        TestRuns.Inferred(dir.File("runs/feb"), period: DatePeriod.Month(2021, 2));

        ProductPublisher.Publish(dir.File("runs/jan"), dir.Path, Fast);
        ProductPublisher.Publish(dir.File("runs/feb"), dir.Path, Fast);

        Assert.Equal(["2021-01", "2021-02"], ProductPublisher.PublishedPeriods(dir.Path).Keys);
        var files = PublishedState.Verified(dir.Path).Keys;
        Assert.Contains("2021-01/netcdf/tamrl_daily_2021-01.nc", files);
        Assert.Contains("2021-02/cog/reco_2021-02.tif", files);
    }

    [Fact]
    public void Publish_RefusesARunWithChunksMissing_NamingThem()
    {
        using var dir = new TempDirectory();
        var run = TestRuns.Inferred(dir.File("runs/r"), budgetBytes: 1_000_000);
        File.Delete(Path.Combine(dir.File("runs/r"), "chunks", Products.Chunking.Chunk.FileNameOf(run.ChunkIds[2])));

        var e = Assert.ThrowsAny<TamRlException>(() => ProductPublisher.Publish(dir.File("runs/r"), dir.Path, Fast));

        Assert.Contains($"have no result yet: {run.ChunkIds[2]}", e.Message);
        Assert.Empty(ProductPublisher.PublishedPeriods(dir.Path));
    }

    [Fact]
    public void Publish_OnAFullDisk_FailsClearly_AndLeavesThePreviousProduct()
    {
        using var dir = new TempDirectory();
        var mount = dir.File("small");
        Directory.CreateDirectory(mount);
        TestRuns.Inferred(dir.File("runs/r"));
        // Size the disk to hold one product and a half: the rerun stages a whole copy before the swap, so it runs out of space.
        ProductPublisher.Publish(dir.File("runs/r"), dir.File("measure"), Fast);
        var bytes = Directory.EnumerateFiles(dir.File("measure/products/.versions"), "*", SearchOption.AllDirectories).Sum(f => (new FileInfo(f).Length + 4095) / 4096 * 4096); // tmpfs counts whole pages
        var sizeK = (bytes * 3 / 2 / 1024) + 64;
        var mounted = ExternalTool.Run("mount", "-t", "tmpfs", "-o", $"size={sizeK}k", "tmpfs", mount).ExitCode == 0;
        try
        {
            if (mounted)
            {
                ProductPublisher.Publish(dir.File("runs/r"), mount, Fast);
                var before = PublishedState.Verified(mount);

                var e = Assert.ThrowsAny<TamRlException>(() => ProductPublisher.Publish(dir.File("runs/r"), mount, Fast));

                Assert.Contains("nothing published", e.Message);
                Assert.Equal(before, PublishedState.Verified(mount));
                Assert.Empty(PublishedState.StagingLeftovers(mount));
            }
            else
            {
                // No permission to mount here: inject the failure the full disk would cause, at the same place.
                ProductPublisher.Publish(dir.File("runs/r"), mount, Fast);
                var before = PublishedState.Verified(mount);
                var failing = Fast with { OnStep = s => { if (s == PublishStep.Assembled) throw new IOException("No space left on device"); } };

                var e = Assert.ThrowsAny<TamRlException>(() => ProductPublisher.Publish(dir.File("runs/r"), mount, failing));

                Assert.Contains("No space left on device", e.Message);
                Assert.Equal(before, PublishedState.Verified(mount));
                Assert.Empty(PublishedState.StagingLeftovers(mount));
            }
        }
        finally
        {
            if (mounted)
            {
                // Lazy: after a close that failed for want of space, netCDF-C/HDF5 keep the (deleted) file's
                // descriptor open until the process ends, so a plain umount reports the mount busy.
                ExternalTool.Run("umount", "-l", mount);
            }
        }
    }

    [TmpfsFact]
    public void Publish_WhenTheDiskFillsAfterTheSwap_SaysThePeriodIsPublished_AndARetryWritesTheRootManifest()
    {
        // Before, any failure said "nothing published", even when the period's link had already moved (issue 17).
        using var dir = new TempDirectory();
        using var disk = new SmallTmpfs(64);
        TestRuns.Inferred(dir.File("runs/r"));
        ProductPublisher.Publish(dir.File("runs/r"), disk.Path, Fast);
        string? filler = null;
        var fillAfterSwap = Fast with { OnStep = s => { if (s == PublishStep.Swapped) filler = disk.Fill(); } };

        var e = Assert.Throws<DiskFullException>(() => ProductPublisher.Publish(dir.File("runs/r"), disk.Path, fillAfterSwap));

        Assert.Contains("is published", e.Message);
        Assert.Equal(Path.Combine(disk.Path, "products", "manifest.json"), e.FilePath);
        // The period's own manifest matches its files: what the link points at is complete.
        var root = Path.Combine(disk.Path, "products");
        var (period, _) = Assert.Single(ProductPublisher.PublishedPeriods(disk.Path));
        Assert.All(ProductManifest.Load(Path.Combine(root, period, "manifest.json")).Files,
            f => Assert.Equal(f.Sha256, Core.Files.FileHash.Sha256(Path.Combine(root, f.File))));
        Assert.Empty(PublishedState.StagingLeftovers(disk.Path));

        File.Delete(filler!);
        ProductPublisher.Publish(dir.File("runs/r"), disk.Path, Fast);
        PublishedState.Verified(disk.Path);
        Assert.Single(Directory.GetDirectories(Path.Combine(root, ".versions")));
    }

    [Theory]
    [InlineData(PublishStep.Assembled)]
    [InlineData(PublishStep.Checked)]
    [InlineData(PublishStep.Versioned)]
    public void Publish_KilledBetweenSteps_LeavesThePreviousProductIntact_AndTheNextPublishCleansUp(PublishStep killedAfter)
    {
        using var dir = new TempDirectory();
        TestRuns.Inferred(dir.File("runs/a"));
        ProductPublisher.Publish(dir.File("runs/a"), dir.Path, Fast);
        var before = PublishedState.Verified(dir.Path);
        TestRuns.Inferred(dir.File("runs/b"), predictor: new LightUseEfficiencyTestPredictor { Identity = "test-double:second" });
        var marker = dir.File("marker");

        using (var child = StartPublishChild(dir.File("runs/b"), dir.Path, killedAfter, marker))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(marker) && !child.HasExited && DateTime.UtcNow < deadline)
                Thread.Sleep(50);
            Assert.True(File.Exists(marker), $"the child never reached {killedAfter}: {(child.HasExited ? child.StandardError.ReadToEnd() : "timed out")}");
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }

        Assert.Equal(before, PublishedState.Verified(dir.Path));

        var next = ProductPublisher.Publish(dir.File("runs/b"), dir.Path, Fast);
        PublishedState.Verified(dir.Path);
        Assert.Contains("test-double:second", Ncdump.Header(Path.Combine(next.PeriodFolder, "netcdf/tamrl_daily_2021-01.nc")));
        Assert.Single(Directory.GetDirectories(dir.File("products/.versions")));
        Assert.Empty(PublishedState.StagingLeftovers(dir.Path));
    }

    private static Process StartPublishChild(string runDir, string outDir, PublishStep step, string marker)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(typeof(ChildProcessEntry).Assembly.Location);
        foreach (var a in new[] { "publish-child", runDir, outDir, step.ToString(), marker })
            psi.ArgumentList.Add(a);
        psi.Environment["HDF5_USE_FILE_LOCKING"] = "FALSE";
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start the child");
    }

    private static SortedDictionary<string, string> Hashes(string folder) =>
        new(Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), Core.Files.FileHash.Sha256), StringComparer.Ordinal);

    [Fact]
    public void Publish_MovesTheCheckedProductsIntoPlace_WhenTheCheckRecordMatchesTheRun()
    {
        using var dir = new TempDirectory();
        var runDir = dir.File("runs/r");
        TestRuns.Inferred(runDir);
        var checkedFolder = Path.Combine(runDir, "checked");
        var report = ProductPublisher.Check(runDir, checkedFolder, Fast);
        Assert.True(report.Passed, report.Summary());
        var checkedFiles = Hashes(checkedFolder);
        Assert.True(File.Exists(CheckRecord.PathIn(runDir)));

        var result = ProductPublisher.Publish(runDir, dir.Path, Fast with { CheckedFolder = checkedFolder });

        Assert.Null(result.StaleCheck);
        Assert.Null(result.Checks); // no second check ran: the check's own report is published
        var published = Hashes(result.PeriodFolder);
        published.Remove("manifest.json");
        Assert.Equal(checkedFiles, published); // the very files that were checked, moved, not written again
        Assert.Equal(File.ReadAllText(Path.Combine(runDir, "checks.json")), File.ReadAllText(dir.File("products/checks.json")));
        PublishedState.Verified(dir.Path);
        Assert.False(Directory.Exists(checkedFolder));
        Assert.False(File.Exists(CheckRecord.PathIn(runDir)));
        Assert.Empty(PublishedState.StagingLeftovers(dir.Path));
    }

    [Fact]
    public void Publish_AssemblesAndChecksAgain_WhenAChunkChangedAfterTheCheck()
    {
        using var dir = new TempDirectory();
        var runDir = dir.File("runs/r");
        var run = TestRuns.Inferred(runDir);
        var checkedFolder = Path.Combine(runDir, "checked");
        ProductPublisher.Check(runDir, checkedFolder, Fast);
        // The same predictor identity, now breaking the carbon balance: only the chunk's content tells.
        var cube = new SyntheticDriverCube(Core.Grid.RegularLatLonGrid.Global(10), run.Period);
        Products.Inference.InferenceService.RunChunk(runDir, run.ChunkIds[0], cube, new LightUseEfficiencyTestPredictor { NeeError = 0.5f });

        var e = Assert.Throws<ProductCheckFailedException>(() => ProductPublisher.Publish(runDir, dir.Path, Fast with { CheckedFolder = checkedFolder }));

        Assert.Contains("mass_balance", e.Message);
        Assert.Empty(ProductPublisher.PublishedPeriods(dir.Path));
        Assert.False(Directory.Exists(checkedFolder)); // a stale checked folder can never be published later
    }

    [Fact]
    public void Publish_AssemblesAndChecksAgain_WhenTheOptionsDifferFromTheChecks()
    {
        using var dir = new TempDirectory();
        var runDir = dir.File("runs/r");
        TestRuns.Inferred(runDir);
        var checkedFolder = Path.Combine(runDir, "checked");
        ProductPublisher.Check(runDir, checkedFolder, Fast);

        var result = ProductPublisher.Publish(runDir, dir.Path, Fast with { CheckedFolder = checkedFolder, Checks = TestChecks.Lenient with { MaxListedFailures = 7 } });

        Assert.NotNull(result.StaleCheck);
        Assert.Contains("options", result.StaleCheck);
        Assert.True(result.Checks!.Passed);
        PublishedState.Verified(dir.Path);
    }
}

/// <summary>A fact that runs only where a tmpfs can be mounted, and says why it was skipped otherwise.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (SmallTmpfs.CannotMount is { } why)
            Skip = $"needs a small tmpfs to fill: {why}";
    }
}
