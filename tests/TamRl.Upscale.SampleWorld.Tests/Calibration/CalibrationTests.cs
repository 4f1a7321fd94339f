using TamRl.Upscale.SampleWorld.Calibration;

namespace TamRl.Upscale.SampleWorld.Tests.Calibration;

public class CalibrationTests(GlobalWorld world) : IClassFixture<GlobalWorld>
{
    [Fact]
    public void GlobalBudget_AtTwoDegrees_LiesInTheObservedBounds()
    {
        Assert.True(world.Report.Global);
        Assert.InRange(world.Report.GppPgPerYear, CalibrationReport.GppMin, CalibrationReport.GppMax);
        Assert.InRange(world.Report.NeePgPerYear, CalibrationReport.NeeMin, CalibrationReport.NeeMax);
    }

    [Fact]
    public void DailyTowerGpp_PeaksLikeRealSites_ByIgbpClass()
    {
        var byIgbp = world.Report.Towers.ToDictionary(t => t.Igbp);
        foreach (var forest in new[] { "ENF", "DBF", "MF", "CRO" })
            Assert.InRange(byIgbp[forest].GppP95, 6, 18);
        Assert.InRange(byIgbp["GRA"].GppP95, 3, 12);
        Assert.True(byIgbp["ENF"].GppP5 < 0.5, "dormant-season GPP near zero");
    }

    [Fact]
    public void UsWi7_SeasonalAmplitude_IsOfTheSameOrderAsTheReal2005File()
    {
        var u = world.Report.UsWi7;
        Assert.NotNull(u);
        Assert.InRange(u!.SyntheticGppAmplitude / u.RealGppAmplitude, 0.33, 3);
        Assert.InRange(u.RealAnnualGpp, 700, 800); // the real file: 757 g C m-2
    }
}
