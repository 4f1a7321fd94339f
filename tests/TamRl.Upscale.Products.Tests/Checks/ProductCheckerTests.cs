using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Products.Checks;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.Checks;

/// <summary>Each check catches what it is for, naming the pixel and step, on files assembled and then damaged.</summary>
public class ProductCheckerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly RegularLatLonGrid _grid = RegularLatLonGrid.Global(10);

    private (RunDescription Run, float[] Land, string Folder) Assembled(LightUseEfficiencyTestPredictor? predictor = null)
    {
        var runDir = _dir.File("run");
        var run = TestRuns.Inferred(runDir, predictor: predictor);
        var folder = _dir.File("staged");
        ProductAssembler.Assemble(runDir, folder, quicklooks: false);
        return (run, RunDescription.LoadLandFraction(runDir), folder);
    }

    private int FirstLand(float[] land) => Array.FindIndex(land, f => f > 0);

    private static void Poke(string path, string variable, int step, int cell, int columns, float value)
    {
        using var file = NetCdfFile.Open(path, writable: true);
        file.Write<float>(variable, [step, cell / columns, cell % columns], [1, 1, 1], [value]);
    }

    [Fact]
    public void Check_Passes_OnProductsOfAPredictorThatKeepsTheBalance()
    {
        var (run, land, folder) = Assembled();

        var report = ProductChecker.Check(folder, run, land, TestChecks.Lenient);

        Assert.True(report.Passed, report.Summary());
        Assert.Equal(["mass_balance", "non_negative", "land_coverage", "monthly_mean", "geotiff_equals_netcdf", "global_totals", "budget_table", "zarr_equals_netcdf"], report.Checks.Select(c => c.Name));
        var totals = report.Checks.Single(c => c.Name == "global_totals").Figures;
        Assert.Equal(totals["reco_pgc_per_year"] - totals["gpp_pgc_per_year"], totals["nee_pgc_per_year"], 1e-3);
    }

    [Fact]
    public void MassBalance_Fails_NamingThePixelAndDay_WhereNeeIsNotRecoMinusGpp()
    {
        var (run, land, folder) = Assembled(new LightUseEfficiencyTestPredictor { NeeError = 0.5f });

        var report = ProductChecker.Check(folder, run, land, TestChecks.Lenient);

        var balance = report.Checks.Single(c => c.Name == "mass_balance");
        Assert.False(balance.Passed);
        // The double breaks NEE at the tenth day (2021-01-11) of the first pixel of every batch.
        Assert.All(balance.Failures, f => Assert.Equal("2021-01-11", f.Step));
        Assert.All(balance.Failures, f => Assert.True(land[f.Row * _grid.Columns + f.Column] > 0));
        Assert.Equal("netcdf/tamrl_daily_2021-01.nc", balance.Failures[0].File);
        Assert.Contains("mass_balance", report.Summary());
        Assert.True(report.Checks.Single(c => c.Name == "non_negative").Passed);
    }

    [Fact]
    public void NonNegative_Fails_WhereGppIsNegative()
    {
        var (run, land, folder) = Assembled();
        var cell = FirstLand(land);
        Poke(Path.Combine(folder, "netcdf/tamrl_daily_2021-02.nc"), "gpp", 4, cell, _grid.Columns, -1f);

        var report = ProductChecker.Check(folder, run, land, TestChecks.Lenient);

        var failure = Assert.Single(report.Checks.Single(c => c.Name == "non_negative").Failures);
        Assert.Equal(("gpp", cell / _grid.Columns, cell % _grid.Columns, "2021-02-05", -1.0), (failure.Variable, failure.Row, failure.Column, failure.Step, failure.Value));
        Assert.Equal(_grid.LatitudeOfRow(cell / _grid.Columns), failure.Latitude);
    }

    [Fact]
    public void LandCoverage_Fails_OnAGapOverLand_AndAValueOverOcean()
    {
        var (run, land, folder) = Assembled();
        var landCell = FirstLand(land);
        var oceanCell = Array.FindIndex(land, f => !(f > 0));
        var daily = Path.Combine(folder, "netcdf/tamrl_daily_2021-01.nc");
        Poke(daily, "reco", 2, landCell, _grid.Columns, ProductFill.Value);
        Poke(daily, "gpp_uncertainty", 3, oceanCell, _grid.Columns, 1f);

        var report = ProductChecker.Check(folder, run, land, TestChecks.Lenient);

        var coverage = report.Checks.Single(c => c.Name == "land_coverage");
        Assert.Equal(2, coverage.FailureCount);
        Assert.Contains(coverage.Failures, f => f.Variable == "reco" && f.Step == "2021-01-03" && f.Row * _grid.Columns + f.Column == landCell && f.Detail.Contains("over land"));
        Assert.Contains(coverage.Failures, f => f.Variable == "gpp_uncertainty" && f.Step == "2021-01-04" && f.Row * _grid.Columns + f.Column == oceanCell && f.Detail.Contains("ocean"));
    }

    [Fact]
    public void MonthlyMean_Fails_WhenTheMonthlyValueIsNotTheMeanOfTheDays()
    {
        var (run, land, folder) = Assembled();
        var cell = FirstLand(land);
        Poke(Path.Combine(folder, "netcdf/tamrl_monthly_2021-01-01_2021-02-28.nc"), "reco_uncertainty", 1, cell, _grid.Columns, 123f);

        var report = ProductChecker.Check(folder, run, land, TestChecks.Lenient);

        var failure = Assert.Single(report.Checks.Single(c => c.Name == "monthly_mean").Failures);
        Assert.Equal(("reco_uncertainty", "2021-02", 123.0), (failure.Variable, failure.Step, failure.Value));
    }

    [Fact]
    public void GeotiffEqualsNetcdf_Fails_WhenACogDiffers()
    {
        var (run, land, folder) = Assembled();
        var cell = FirstLand(land);
        using (var monthly = NetCdfFile.Open(Path.Combine(folder, "netcdf/tamrl_monthly_2021-01-01_2021-02-28.nc")))
        {
            var map = monthly.Read<float>("gpp", [0, 0, 0], [1, _grid.Rows, _grid.Columns]).Select(v => v == ProductFill.Value ? float.NaN : v).ToArray();
            map[cell] += 0.5f;
            FluxCog.Write(Path.Combine(folder, "cog/gpp_2021-01.tif"), _grid, FluxVariables.Gpp, "2021-01", map, new Provenance("r", "m", new Dictionary<string, string>(), "v", DateTimeOffset.UnixEpoch));
        }

        var report = ProductChecker.Check(folder, run, land, TestChecks.Lenient);

        var failure = Assert.Single(report.Checks.Single(c => c.Name == "geotiff_equals_netcdf").Failures);
        Assert.Equal(("cog/gpp_2021-01.tif", cell / _grid.Columns, cell % _grid.Columns), (failure.File, failure.Row, failure.Column));
    }

    [Fact]
    public void GlobalTotals_Fail_OutsideTheConfiguredBounds()
    {
        var (run, land, folder) = Assembled();
        var tight = CheckOptions.Default with { TotalBounds = new Dictionary<string, (double, double)> { ["gpp"] = (0, 1) } };

        var report = ProductChecker.Check(folder, run, land, tight);

        var totals = report.Checks.Single(c => c.Name == "global_totals");
        var failure = Assert.Single(totals.Failures);
        Assert.Equal("gpp", failure.Variable);
        Assert.Contains("PgC/yr outside 0..1", failure.Detail);
    }

    [Fact]
    public void GlobalTotals_OutsideAnAdvisoryBound_AreWarnings_AndTheReportPasses()
    {
        var (run, land, folder) = Assembled();
        var advisory = TestChecks.Lenient with
        {
            TotalBounds = new Dictionary<string, (double, double)>(TestChecks.Lenient.TotalBounds) { ["gpp"] = (0, 1) },
            AdvisoryTotals = new HashSet<string> { "gpp" },
        };

        var report = ProductChecker.Check(folder, run, land, advisory);

        Assert.True(report.Passed, report.Summary());
        var warning = Assert.Single(report.Checks.Single(c => c.Name == "global_totals").Warnings);
        Assert.Equal("gpp", warning.Variable);
        Assert.Contains("advisory bound, not enforced", warning.Detail);
        Assert.Contains("\"warnings\"", report.ToJson());
        Assert.Single(report.WarningLines());
    }

    [Fact]
    public void CellAreas_SumToTheSphere()
    {
        var areas = RegularLatLonGrid.Global(0.5).RowCellAreas();

        Assert.Equal(4 * Math.PI * 6_371_007.2 * 6_371_007.2, areas.Sum() * 720, 1e3);
    }

    public void Dispose() => _dir.Dispose();
}
