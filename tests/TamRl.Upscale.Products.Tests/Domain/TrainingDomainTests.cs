using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Products.Domain;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Tests.Domain;

public class TrainingDomainTests
{
    private static readonly DatePeriod TwoMonths = new(new DateOnly(2021, 1, 1), new DateOnly(2021, 2, 28));

    [Fact]
    public void Descriptor_IsTheMeanAndStandardDeviationOfEachFeature_SkippingMissingDays()
    {
        // 4 days x 2 features: feature 0 = 1, 3, NaN, 5; feature 1 = 10 every day.
        float[] values = [1, 10, 3, 10, float.NaN, 10, 5, 10];

        var d = ClimateDescriptor.Of(values, days: 4, features: 2, featureIndex: [0, 1]);

        Assert.Equal([3, Math.Sqrt(8.0 / 3), 10, 0], d, (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void ExtrapolationIndex_IsZeroAtATower_AndGrowsPastOneFarFromEveryTower()
    {
        // Towers on a line in one dimension (0..9, step 1) of a one-feature descriptor (mean, sd).
        var sites = Enumerable.Range(0, 10).Select(i => new TrainingSite($"S{i}", 1 + i % 2, 26, [i, 1 + 0.1 * i])).ToList();

        var domain = new TrainingDomain(["ta"], sites);

        Assert.Equal(0, domain.ExtrapolationIndex([4, 1.4]), 1e-12);
        Assert.True(domain.ExtrapolationIndex([4.5, 1.45]) < 1); // between two towers
        Assert.True(domain.ExtrapolationIndex([30, 1.4]) > 5);   // far beyond the last one
        Assert.Equal([1, 2], domain.Igbp.Order());
        Assert.True(double.IsNaN(domain.ExtrapolationIndex([double.NaN, 1])));
    }

    [Fact]
    public void Compute_FlagsClassesWithoutTowers_AndClimatesFarFromThem()
    {
        var grid = RegularLatLonGrid.Global(10);
        var cube = new SyntheticDriverCube(grid, TwoMonths);
        var window = new GridBlock(0, grid.Rows, 0, grid.Columns);
        var statics = cube.ReadStatic(window);
        var all = Enumerable.Range(0, cube.Features.Count).ToArray();
        // Towers at every land pixel north of the equator with IGBP 1 or 2 (the synthetic cube's IGBP is |lat| / 10).
        var towerCells = Enumerable.Range(0, window.Cells).Where(i => statics.IsLand(i) && grid.LatitudeOfRow(i / grid.Columns) > 0 && statics.Igbp[i] is 1 or 2).ToList();
        var series = cube.ReadSeries(towerCells.Select(i => (i / grid.Columns, i % grid.Columns)).ToList(), TwoMonths.First, TwoMonths.Days);
        var stride = TwoMonths.Days * cube.Features.Count;
        var sites = towerCells.Select((cell, k) => new TrainingSite($"T{k}", statics.Igbp[cell], statics.Koppen[cell],
            ClimateDescriptor.Of(series.AsSpan(k * stride, stride), TwoMonths.Days, cube.Features.Count, all))).ToList();
        var domain = new TrainingDomain(cube.Features, sites);

        var (index, flags) = DomainMap.Compute(cube, window, TwoMonths, domain, all);

        foreach (var cell in towerCells)
            Assert.Equal(0f, index[cell], 1e-6);
        for (var i = 0; i < window.Cells; i++)
        {
            if (!statics.IsLand(i))
            {
                Assert.Equal(ProductFill.Value, index[i]);
                Assert.Equal(-1, flags[i]);
                continue;
            }
            Assert.Equal(statics.Igbp[i] is 1 or 2, (flags[i] & DomainMap.IgbpUnsampled) == 0);
            Assert.Equal(index[i] > 1, (flags[i] & DomainMap.ClimateOutside) != 0);
        }
        // The far south (mirror seasons, other classes) lies outside the towers' climate.
        Assert.Contains(Enumerable.Range(0, window.Cells), i => statics.IsLand(i) && grid.LatitudeOfRow(i / grid.Columns) < -50 && index[i] > 1);
    }
}
