using TamRl.Upscale.SampleWorld.Geography;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.SampleWorld.Tests.Geography;

public class WorldGeographyTests
{
    private static readonly Lazy<WorldGeography> Globe = new(() => WorldGeography.Build(
        new SampleWorldOptions { OutputDirectory = "unused", Resolution = 2 }, KoppenMap.Load(RepoPaths.RealData())));

    private static int Cell(double lat, double lon) => Globe.Value.CellOf(lat, lon);

    [Fact]
    public void LandMask_ComesFromTheKottekMap()
    {
        var g = Globe.Value;
        Assert.Equal(0, g.LandFraction[Cell(0, -30)]);    // mid-Atlantic
        Assert.Equal(1, g.LandFraction[Cell(50, 90)]);    // Siberia
        Assert.InRange(g.LandFraction[Cell(51, 1)], 0.01, 0.99); // the Channel coast: a partial cell
        Assert.Equal("Af", g.Koppen.Name(g.KoppenClass[Cell(-3, -70)]));   // western Amazon
        Assert.Equal("BWh", g.Koppen.Name(g.KoppenClass[Cell(23, 10)]));   // Sahara
    }

    [Fact]
    public void Elevation_FollowsTheDocumentedRule()
    {
        var g = Globe.Value;
        Assert.True(g.Elevation[Cell(32, 88)] > 3500, "Tibetan plateau");
        Assert.True(g.Elevation[Cell(-3, -70)] < 600, "Amazon lowlands");
        Assert.True(g.Elevation[Cell(-80, 30)] > 2000, "Antarctic ice dome");
        Assert.Equal(0, g.Elevation[Cell(0, -30)]);
    }

    [Fact]
    public void Igbp_FollowsClimate_AwayFromTowers()
    {
        var g = Globe.Value;
        Assert.Equal(Igbp.SNO, g.IgbpClass[Cell(-80, 30)]);
        Assert.Contains(g.IgbpClass[Cell(23, 10)], new[] { Igbp.BSV, Igbp.OSH });
        Assert.Contains(g.IgbpClass[Cell(-3, -70)], new[] { Igbp.EBF, Igbp.CVM, Igbp.WET });
        Assert.Equal(Igbp.Water, g.IgbpClass[Cell(0, -30)]);
    }
}
