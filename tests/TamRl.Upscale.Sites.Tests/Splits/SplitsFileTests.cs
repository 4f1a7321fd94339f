using System.Text.Json;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Sites.Splits;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Sites.Tests.Splits;

public class SplitsFileTests
{
    private static SiteSplits Sample() => new(42, 0.2, new Dictionary<string, SiteSplit>
    {
        ["igbp"] = new(["A", "B", "C"], ["D"]),
        ["koppen"] = new(["B", "C", "D"], ["A"]),
    });

    [Fact]
    public void Write_ThenRead_GivesBackSeedFractionAndSplits()
    {
        using var dir = new TempDirectory();
        var path = dir.File("splits.json");

        SplitsFile.Write(Sample(), path);
        var back = SplitsFile.Read(path);

        Assert.Equal(42, back.Seed);
        Assert.Equal(0.2, back.TestFraction);
        Assert.Equal(["A", "B", "C"], back[SiteSplits.ByIgbp].Train);
        Assert.Equal(["A"], back[SiteSplits.ByKoppen].Test);
    }

    [Fact]
    public void Write_FollowsTheContractShape()
    {
        using var dir = new TempDirectory();
        var path = dir.File("splits.json");

        SplitsFile.Write(Sample(), path);

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(42, doc.RootElement.GetProperty("seed").GetInt32());
        var igbp = doc.RootElement.GetProperty("splits").GetProperty("igbp");
        Assert.Equal(["D"], igbp.GetProperty("test").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Read_RefusesASiteInBothTrainAndTest_NamingTheSplit()
    {
        using var dir = new TempDirectory();
        var path = dir.File("splits.json");
        File.WriteAllText(path, """{"seed": 1, "splits": {"igbp": {"train": ["A", "B"], "test": ["B"]}}}""");

        var e = Assert.Throws<InvalidInputException>(() => SplitsFile.Read(path));
        Assert.Equal("splits.igbp", e.Variable);
        Assert.Contains("B", e.Detail);
    }

    [Fact]
    public void Read_RefusesAMissingSeed()
    {
        using var dir = new TempDirectory();
        var path = dir.File("splits.json");
        File.WriteAllText(path, """{"splits": {}}""");

        var e = Assert.Throws<InvalidInputException>(() => SplitsFile.Read(path));
        Assert.Equal("seed", e.Variable);
    }
}
