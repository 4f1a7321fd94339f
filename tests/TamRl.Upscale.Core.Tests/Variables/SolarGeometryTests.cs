using TamRl.Upscale.Core.Variables;

namespace TamRl.Upscale.Core.Tests.Variables;

public class SolarGeometryTests
{
    [Fact]
    public void PotentialShortwave_MatchesFao56Example8_At20SouthOn3September()
    {
        // FAO-56, Example 8: Ra = 32.2 MJ m-2 d-1 at 20 degrees south on 3 September (day 246).
        var wattsPerSquareMetre = SolarGeometry.PotentialShortwave(-20, new DateOnly(2015, 9, 3));

        Assert.Equal(32.2, wattsPerSquareMetre * 86400 / 1e6, 1);
    }

    [Fact]
    public void DayLength_MatchesFao56Example9_At20SouthOn3September()
    {
        // FAO-56, Example 9: N = 11.7 hours for the same place and day.
        Assert.Equal(11.7, SolarGeometry.DayLength(-20, new DateOnly(2015, 9, 3)), 1);
    }

    [Fact]
    public void DayLength_IsZeroInThePolarNight_AndTwentyFourInThePolarDay()
    {
        var midwinter = new DateOnly(2015, 12, 21);
        Assert.Equal(0, SolarGeometry.DayLength(80, midwinter), 6);
        Assert.Equal(0, SolarGeometry.PotentialShortwave(80, midwinter), 6);
        Assert.Equal(24, SolarGeometry.DayLength(-80, midwinter), 6);
        Assert.True(SolarGeometry.PotentialShortwave(-80, midwinter) > 400);
    }

    [Fact]
    public void Computed_GivesEachComputedFeature_AndRefusesAMeasuredOne()
    {
        var day = new DateOnly(2015, 1, 1);
        Assert.Equal(0f, DriverFeatures.Computed("season_sin", 10, day), 6);
        Assert.Equal(1f, DriverFeatures.Computed("season_cos", 10, day), 6);
        Assert.Equal((float)SolarGeometry.DayLength(45, day), DriverFeatures.Computed("day_length", 45, day));
        var e = Assert.Throws<ArgumentException>(() => DriverFeatures.Computed("ta", 10, day));
        Assert.Contains("'ta' is not a computed feature", e.Message);
    }

    [Fact]
    public void Problem_NamesAnUnknownFeature_ARepeatedOne_AndAnEmptyList()
    {
        Assert.Null(DriverFeatures.Problem(["ta", "sw_pot", "ndvi"]));
        Assert.Contains("unknown feature 'tair'", DriverFeatures.Problem(["ta", "tair"]));
        Assert.Contains("'ta' is listed twice", DriverFeatures.Problem(["ta", "vpd", "ta"]));
        Assert.Contains("empty", DriverFeatures.Problem([]));
    }
}
