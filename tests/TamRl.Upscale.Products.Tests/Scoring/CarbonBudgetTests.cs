using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Products.Scoring;

namespace TamRl.Upscale.Products.Tests.Scoring;

public class CarbonBudgetTests
{
    /// <summary>Pg C/yr: the maps are float32 (1.8f is 1.8 to ~1e-7), the totals ~100.</summary>
    private const double Tolerance = 1e-4;

    /// <summary>Earth's surface (R = 6 371 007.2 m, the checks' sphere), m2.</summary>
    private static readonly double EarthArea = 4 * Math.PI * 6_371_007.2 * 6_371_007.2;

    [Fact]
    public void Result_IntegratesAreaTimesLandFraction_ToPgCPerYear_AndDecomposesTheNeeError()
    {
        // A 90-degree grid: two rows (N, S) of four columns; each cell is an eighth of the sphere.
        var grid = RegularLatLonGrid.Global(90);
        var land = new float[] { 1, 0.5f, 0, 0, 0, 0, 0, 1 };
        var igbp = new[] { 1, 15, 0, 0, 0, 0, 0, 16 };
        var koppen = new[] { 26, 30, 0, 0, 0, 0, 0, 4 };
        var budget = new CarbonBudget(grid, land, igbp, koppen);
        float[] Map(float v) => Enumerable.Repeat(v, 8).ToArray();
        for (var d = 0; d < 2; d++)
            budget.AddDay([Map(2), Map(1.5f), Map(-0.5f)], [Map(1.8f), Map(1.6f), Map(-0.2f)], [Map(0.1f), Map(0.2f), Map(0.3f)]);

        var result = budget.Result();

        var cell = EarthArea / 8 * 365.25 / 1e15; // Pg C/yr of 1 g m-2 d-1 over one whole cell
        var global = result[0];
        Assert.Equal(BudgetRegions.Global, global.Group);
        Assert.Equal(2.5 * EarthArea / 8 / 1e12, global.LandAreaMkm2, Tolerance);
        Assert.Equal(2 * 2.5 * cell, global.Product.Gpp, Tolerance);
        Assert.Equal(1.8 * 2.5 * cell, global.Truth.Gpp, Tolerance);
        Assert.Equal(-0.2 * 2.5 * cell, global.Truth.Nee, Tolerance);
        Assert.Equal(0.3 * 2.5 * cell, global.SpreadBound.Nee, Tolerance);
        Assert.Equal(-0.3 * 2.5 * cell, global.Error.Nee, Tolerance);
        Assert.Equal(global.NeeErrorFromReco + global.NeeErrorFromGpp, global.Error.Nee, Tolerance);
        Assert.Equal(-0.2 * 2.5 * cell, global.NeeErrorFromGpp, Tolerance);
        Assert.Equal(2.5, global.Product.Nee / global.Truth.Nee, Tolerance); // the sink 2.5 times the truth's

        var ice = result.Single(b => b.Group == BudgetRegions.Igbp && b.Region == "15 SNO");
        Assert.Equal(2 * 0.5 * cell, ice.Product.Gpp, Tolerance);
        Assert.Equal(0.2, ice.ShareOfGlobalNeeError, Tolerance);
        Assert.Equal(-0.3 * 0.5 * cell, ice.Error.Nee, Tolerance);
        var south = result.Single(b => b.Group == BudgetRegions.Latitude && b.Region == "60S-30S"); // the south-east cell's centre is 45S
        Assert.Equal(1.5 * cell, south.Product.Reco, Tolerance);
        Assert.Equal(Continents.Oceania, result.Single(b => b.Group == BudgetRegions.Continent && b.Product.Reco < 1.6 * cell).Region); // 45S, 135E
        foreach (var group in BudgetRegions.Groups.Where(g => g != BudgetRegions.Domain)) // no domain map given
        {
            var rows = result.Where(b => b.Group == group).ToList();
            Assert.Equal(global.Product.Nee, rows.Sum(b => b.Product.Nee), 1e-9);
            Assert.Equal(global.Truth.Gpp, rows.Sum(b => b.Truth.Gpp), 1e-9);
            Assert.Equal(1, rows.Sum(b => b.ShareOfGlobalNeeError), 1e-9);
        }
    }
}
