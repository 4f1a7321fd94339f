using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Model.Training;

namespace TamRl.Upscale.Model.Tests.Training;

public class SeasonWeightsTests
{
    [Fact]
    public void PerDay_GivesEveryCalendarMonthOfASiteTheSameQcWeight_AndUnobservedDaysNone()
    {
        // One site, 2021: January's days observed at QC 0.25, every other month at QC 1; 1 March unobserved.
        var days = 365;
        var first = new DateOnly(2021, 1, 1);
        var qc = Enumerable.Range(0, days).Select(d => first.AddDays(d).Month == 1 ? 0.25f : 1f).ToArray();
        var nee = Enumerable.Repeat(-1f, days).ToArray();
        nee[59] = float.NaN;
        var data = new SiteSeriesSet(["XX-A"], days, new float[days * DriverFeatures.Names.Count], new float[days], new float[days], nee, qc,
            [1], [26], [50f], [10f]) { FirstDay = first };

        var factors = SeasonWeights.PerDay(data, [0]);

        double MonthWeight(int m) => Enumerable.Range(0, days).Where(d => first.AddDays(d).Month == m && float.IsFinite(nee[d])).Sum(d => qc[d] * factors[d]);
        for (var m = 2; m <= 12; m++)
            Assert.Equal(MonthWeight(1), MonthWeight(m), 1e-3);
        Assert.True(factors[0] > 3 * factors[200]); // a January day counts for about four July days
    }
}
