using TamRl.Upscale.Products.Publishing;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Tests.Publishing;

/// <summary>What a user sees under OUT/products/: each published file and its checksum, verified against the manifest.</summary>
internal static class PublishedState
{
    /// <summary>Every file the root manifest lists, with its sha256; throws when a file is missing or differs.</summary>
    public static IReadOnlyDictionary<string, string> Verified(string outDir)
    {
        var root = Path.Combine(outDir, ProductPublisher.ProductsFolder);
        var manifest = ProductManifest.Load(Path.Combine(root, "manifest.json"));
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in manifest.Files)
        {
            var actual = Core.Files.FileHash.Sha256(Path.Combine(root, entry.File));
            Assert.True(entry.Sha256 == actual, $"{entry.File}: manifest says {entry.Sha256}, file has {actual}");
            result[entry.File] = actual;
        }
        // Nothing a user would open lies outside the manifest.
        var listed = manifest.Files.Select(f => Path.GetFullPath(Path.Combine(root, f.File))).ToHashSet();
        foreach (var (period, folder) in ProductPublisher.PublishedPeriods(outDir))
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, period), "*", SearchOption.AllDirectories))
                if (Path.GetFileName(file) is not "manifest.json" and not "checks.json")
                    Assert.True(listed.Contains(Path.GetFullPath(file)), $"{file} is not in the manifest");
        return result;
    }

    /// <summary>Hidden work folders a publisher may leave: staging content.</summary>
    public static string[] StagingLeftovers(string outDir)
    {
        var staging = Path.Combine(outDir, ProductPublisher.ProductsFolder, ".staging");
        return Directory.Exists(staging) ? Directory.GetFileSystemEntries(staging) : [];
    }
}
