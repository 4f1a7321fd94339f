using TamRl.Upscale.Sites.Dataset;

namespace TamRl.Upscale.Sites.Tests.Dataset;

public class StaticFeaturesTests
{
    [Fact]
    public void Encode_SetsOneHotsForIgbpAndKoppen_AndScaledCoordinates()
    {
        var site = new SiteInfo("US-Wi7", 45, 90, StaticClasses.ParseIgbp("DBF")!.Value, StaticClasses.ParseKoppen("Dfb")!.Value, "FLUXNET2015");

        var v = StaticFeatures.Encode(site);

        Assert.Equal(StaticFeatures.Count, v.Length);
        Assert.Equal(StaticFeatures.Names.Count, v.Length);
        var ones = Enumerable.Range(0, v.Length - 3).Where(i => v[i] == 1).Select(i => StaticFeatures.Names[i]).ToArray();
        Assert.Equal(["igbp_DBF", "koppen_Dfb"], ones);
        Assert.Equal(2, v.Take(v.Length - 3).Sum());
        Assert.Equal(0.5f, v[^3]);
        Assert.Equal(1f, v[^2], 6);
        Assert.Equal(0f, v[^1], 6);
    }

    [Theory]
    [InlineData("ENF", 1)]
    [InlineData("cro", 12)]
    [InlineData("4", 4)]
    [InlineData("XYZ", null)]
    [InlineData("18", null)]
    [InlineData("-", 17)]
    [InlineData("", 17)]
    public void ParseIgbp_AcceptsCodesAndIndices(string text, int? expected) => Assert.Equal(expected, StaticClasses.ParseIgbp(text));

    [Theory]
    [InlineData("Dfb", 26)]
    [InlineData("BSk", 7)]
    [InlineData("Bsk", 7)]
    [InlineData("14", 14)]
    [InlineData("Zz", null)]
    [InlineData("BWh ", 4)]
    [InlineData("-", 0)]
    [InlineData("", 0)]
    [InlineData("NA", 0)]
    public void ParseKoppen_AcceptsKottekCodesAndIndices(string text, int? expected) => Assert.Equal(expected, StaticClasses.ParseKoppen(text));

    [Fact]
    public void KoppenCodes_AgreeWithTheKottekKeyShippedInDataReal()
    {
        var lines = File.ReadAllLines(TestSupport.RepoPaths.RealData("sites", "koeppen_geiger_key.csv")).Skip(1);
        foreach (var line in lines)
        {
            var parts = line.Split(',');
            Assert.Equal(int.Parse(parts[0]), StaticClasses.ParseKoppen(parts[1]));
        }
    }

    [Fact]
    public void ParseKoppen_ReadsEveryCodeOfTheRealCarbonBenchSiteTable()
    {
        var lines = File.ReadAllLines(TestSupport.RepoPaths.RealData("sites", "carbonbench_sites_merged.csv"));
        var column = Array.IndexOf(lines[0].Split(','), "koppen_code");
        var codes = lines.Skip(1).Select(l => l.Split(',')[column]).Distinct().ToArray();

        Assert.All(codes, c => Assert.NotNull(StaticClasses.ParseKoppen(c)));
        Assert.Equal(StaticClasses.ParseKoppen("BSk"), StaticClasses.ParseKoppen("Bsk"));
    }

    [Fact]
    public void IgbpCodes_CoverTheIgbpKeyShippedInDataReal()
    {
        var ids = File.ReadAllLines(TestSupport.RepoPaths.RealData("sites", "igbp_key.csv")).Skip(1).Select(l => int.Parse(l.Split(',')[0])).ToArray();
        Assert.Equal(Enumerable.Range(0, StaticClasses.IgbpClassCount), ids);
    }
}
