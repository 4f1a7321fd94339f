using TamRl.Upscale.Core.Grid;
using System.Security.Cryptography;
using System.Text.Json;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.SampleWorld.Tests;

[Collection(TinyWorldCollection.Name)]
public class SampleWorldGeneratorTests(TinyWorld world)
{
    [Fact]
    public void Manifest_ListsEveryFile_WithItsSha256()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(world.File("manifest.json")));
        var files = doc.RootElement.GetProperty("files").EnumerateArray().ToList();
        var onDisk = Directory.EnumerateFiles(world.Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(world.Root, f)).Where(p => p != "manifest.json").OrderBy(p => p, StringComparer.Ordinal).ToList();
        Assert.Equal(onDisk, files.Select(f => f.GetProperty("path").GetString()!).ToList());
        foreach (var f in files.Take(20))
        {
            var path = Path.Combine(world.Root, f.GetProperty("path").GetString()!);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), f.GetProperty("sha256").GetString());
        }
        Assert.Equal(7UL, doc.RootElement.GetProperty("seed").GetUInt64());
    }

    [Fact]
    public void SameSeed_GivesTheSameBytes_AnotherSeedDoesNot()
    {
        using var tmp = new TempDirectory();
        SampleWorldGenerator.Generate(TinyWorld.Options(Path.Combine(tmp.Path, "again")));
        SampleWorldGenerator.Generate(TinyWorld.Options(Path.Combine(tmp.Path, "other"), seed: 8));
        string Files(string root) => JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "manifest.json"))).RootElement.GetProperty("files").ToString();
        Assert.Equal(Files(world.Root), Files(Path.Combine(tmp.Path, "again")));
        Assert.NotEqual(Files(world.Root), Files(Path.Combine(tmp.Path, "other")));
    }

    [Theory]
    [InlineData(3.0, 2019, 1, 2019, 2, "--resolution")]
    [InlineData(2.0, 2019, 5, 2019, 2, "empty")]
    public void BadOptions_AreRefused_NamingTheOption(double resolution, int sy, int sm, int ey, int em, string expected)
    {
        using var tmp = new TempDirectory();
        var options = TinyWorld.Options(Path.Combine(tmp.Path, "w")) with { Resolution = resolution, StartYear = sy, StartMonth = sm, EndYear = ey, EndMonth = em };
        var e = Assert.ThrowsAny<TamRlException>(() => SampleWorldGenerator.Generate(options));
        Assert.Contains(expected, e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tmp.Path));
    }

    [Theory]
    [InlineData("-200,0,10,10")]
    [InlineData("0,-95,10,10")]
    [InlineData("10,0,5,10")]
    [InlineData("a,b,c")]
    public void BoundingBoxOutsideTheGlobeOrEmpty_IsRefused(string text)
    {
        var e = Assert.Throws<InvalidValueException>(() => BoundingBox.Parse(text, "--bbox"));
        Assert.StartsWith("--bbox", e.Message);
    }

    [Fact]
    public void UnwritableOutputFolder_IsRefused_NamingIt()
    {
        var e = Assert.ThrowsAny<TamRlException>(() => SampleWorldGenerator.Generate(TinyWorld.Options("/proc/tamrl-world")));
        Assert.Contains("/proc/tamrl-world", e.Message);
    }

    [Fact]
    public void FailureMidway_LeavesNothingBehind()
    {
        using var tmp = new TempDirectory();
        // Real inputs whose site table is broken: geography is written before the towers fail.
        var real = Path.Combine(tmp.Path, "real");
        Directory.CreateDirectory(Path.Combine(real, "koppen"));
        Directory.CreateDirectory(Path.Combine(real, "sites"));
        Directory.CreateDirectory(Path.Combine(real, "elevation"));
        File.Copy(RepoPaths.RealData("elevation", "elevation_0.5deg.nc"), Path.Combine(real, "elevation", "elevation_0.5deg.nc"));
        File.Copy(RepoPaths.RealData("koppen", "Koeppen-Geiger-ASCII.txt"), Path.Combine(real, "koppen", "Koeppen-Geiger-ASCII.txt"));
        File.Copy(RepoPaths.RealData("sites", "koeppen_geiger_key.csv"), Path.Combine(real, "sites", "koeppen_geiger_key.csv"));
        File.WriteAllText(Path.Combine(real, "sites", "carbonbench_sites_merged.csv"), "site,lat\nX,1\n");
        var outParent = Path.Combine(tmp.Path, "out");
        Directory.CreateDirectory(outParent);
        var e = Assert.ThrowsAny<TamRlException>(() =>
            SampleWorldGenerator.Generate(TinyWorld.Options(Path.Combine(outParent, "w")) with { RealDataDirectory = real }));
        Assert.Contains("carbonbench_sites_merged.csv", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outParent));
    }
}
