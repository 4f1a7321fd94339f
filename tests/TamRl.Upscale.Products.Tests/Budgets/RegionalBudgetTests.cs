using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Products.Publishing;
using System.Globalization;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Products.Budgets;
using TamRl.Upscale.Products.Checks;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Scoring;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.Budgets;

public sealed class RegionalBudgetTests(PublishedProductFixture product) : IClassFixture<PublishedProductFixture>, IDisposable
{
    private readonly TempDirectory _dir = new("tamrl-budgets");
    private readonly RegularLatLonGrid _grid = RegularLatLonGrid.Global(10);

    public void Dispose() => _dir.Dispose();

    private BudgetTable Published() => BudgetTable.Load(product.File("budgets/regional_budgets_2021-01-01_2021-02-28.json"));

    /// <summary>cdo, independently: a month's flux x cell area (cdo's gridarea) x land fraction, summed over cells and days, Pg C.</summary>
    private double CdoPgC(string month, string variable)
    {
        var file = product.File($"netcdf/tamrl_daily_{month}.nc");
        var text = ExternalTool.RunOk("cdo", "-s", "outputf,%.12g,1", "-fldsum", "-mul", "-mul", "-timsum", $"-selname,{variable}", file,
            "-selname,land_fraction", file, "-gridarea", "-selname,land_fraction", file);
        return double.Parse(text.Trim(), CultureInfo.InvariantCulture) * 1e-15;
    }

    [Fact]
    public void LoadCsv_RefusesANumberThatDoesNotParse_NamingTheFileLineAndColumn()
    {
        using var dir = new TempDirectory();
        var path = dir.File("table.csv");
        File.WriteAllText(path, string.Join(",", BudgetTable.CsvColumns) + "\nglobal,globe,gpp,2021-01,31,148.9,1O.5,0.1\n");

        var e = Assert.Throws<Core.Errors.InvalidInputException>(() => BudgetTable.LoadCsv(path));

        Assert.Equal((path, "line 2"), (e.FilePath, e.Variable));
        Assert.Contains("total_pgc", e.Message);
        Assert.Contains("1O.5", e.Message);
    }

    [Fact]
    public void Publish_WritesTheBudgetTable_WhoseGlobalMonthlyTotalsAreCdosIntegralOfTheDailyNetCdf()
    {
        var table = Published();

        foreach (var month in new[] { "2021-01", "2021-02" })
            foreach (var flux in new[] { "gpp", "reco", "nee" })
            {
                var row = table.Rows.Single(r => r.Group == "global" && r.Flux == flux && r.Period == month);
                // cdo's cells have great-circle edges where the CF cells' are parallels (TruthScorerTests): ~4e-4 at 10 degrees.
                Assert.Equal(1, row.TotalPgc / CdoPgC(month, flux), 1e-3);
            }
        Assert.Equal(BudgetTable.SpreadBound, table.UncertaintyMethod); // the test predictor keeps no members
        Assert.Equal(table.Rows, BudgetTable.LoadCsv(product.File("budgets/regional_budgets_2021-01-01_2021-02-28.csv")));
        // No complete year in January-February: monthly rows only.
        Assert.All(table.Rows, r => Assert.Matches("^2021-0[12]$", r.Period));
    }

    [Fact]
    public void Publish_ListsTheBudgetTableInTheManifest_AndChecksIt()
    {
        var manifest = ProductManifest.Load(product.File("manifest.json"));

        foreach (var (name, format) in new[] { ("json", "budget-json"), ("csv", "budget-csv") })
        {
            var entry = manifest.Files.Single(f => f.Format == format);
            Assert.EndsWith($"budgets/regional_budgets_2021-01-01_2021-02-28.{name}", entry.File);
            Assert.Equal(Core.Files.FileHash.Sha256(Path.Combine(product.Out, "products", entry.File)), entry.Sha256);
        }
        Assert.True(product.Result.Checks!.Checks.Single(c => c.Name == "budget_table").Passed);
    }

    [Fact]
    public void BudgetTable_ValidatesAgainstItsSchema()
    {
        ExternalTool.RunOk("python3", "-c",
            "import json,sys,jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))",
            Path.Combine(RepoPaths.Root, "schemas", "regional-budgets.schema.json"), product.File("budgets/regional_budgets_2021-01-01_2021-02-28.json"));
    }

    [Fact]
    public void EachGroupsRegions_AddUpToTheGlobe_ForEveryFluxAndMonth()
    {
        var table = Published();

        foreach (var global in table.Rows.Where(r => r.Group == "global"))
            foreach (var group in new[] { "continent", "latitude", "igbp", "koppen" })
            {
                var parts = table.Rows.Where(r => r.Group == group && r.Flux == global.Flux && r.Period == global.Period).ToList();
                Assert.Equal(global.TotalPgc, parts.Sum(r => r.TotalPgc), 1e-9);
                Assert.Equal(global.LandAreaMkm2, parts.Sum(r => r.LandAreaMkm2), 1e-9);
            }
        Assert.Equal(Continents.All.Where(c => table.Rows.Any(r => r.Region == c)).Count(), table.Rows.Where(r => r.Group == "continent").Select(r => r.Region).Distinct().Count());
    }

    [Fact]
    public void Check_FailsTheBudgetTable_WhenATotalDiffersFromTheNetCdf()
    {
        var runDir = _dir.File("run");
        var run = TestRuns.Inferred(runDir);
        var folder = _dir.File("staged");
        ProductAssembler.Assemble(runDir, folder, quicklooks: false);
        var csv = Path.Combine(folder, "budgets/regional_budgets_2021-01-01_2021-02-28.csv");
        var lines = File.ReadAllLines(csv);
        var i = Array.FindIndex(lines, l => l.StartsWith("global,global,gpp,2021-01,", StringComparison.Ordinal));
        var fields = lines[i].Split(',');
        fields[6] = (double.Parse(fields[6], CultureInfo.InvariantCulture) * 1.001).ToString("R", CultureInfo.InvariantCulture);
        lines[i] = string.Join(",", fields);
        File.WriteAllLines(csv, lines);

        var report = ProductChecker.Check(folder, run, RunDescription.LoadLandFraction(runDir), TestChecks.Lenient);

        var check = report.Checks.Single(c => c.Name == "budget_table");
        Assert.False(check.Passed);
        Assert.Equal(1, check.FailureCount);
        Assert.Equal("budgets/regional_budgets_2021-01-01_2021-02-28.csv", check.Failures[0].File);
        Assert.Equal("2021-01", check.Failures[0].Step);
        Assert.Contains("global global", check.Failures[0].Detail);
    }

    [Fact]
    public void Result_SplitsByIgbpAndKoppen_AndGivesAnnualRowsForCompleteYears_WithTheMembersSpread()
    {
        // Two cells of a 10-degree grid, a whole year, two members: member A 1 g m-2 d-1 every day, member B 3.
        var months = DatePeriod.Year(2021).Months().ToList();
        var budget = new RegionalBudget(_grid, months, members: 2);
        var block = new GridBlock(3, 1, 20, 2); // 50N..40N, 20E..40E: Europe
        budget.BeginBlock(block, [1f, 0.5f], new StaticWindow(block, [1f, 0.5f], [4, 10], [26, 7]));
        for (var m = 0; m < months.Count; m++)
        {
            for (var f = 0; f < 6; f++)
                budget.AddMonth(m, f, [2.0 * months[m].Days, 2.0 * months[m].Days]);
            for (var f = 0; f < 3; f++)
            {
                budget.AddMemberMonth(m, 0, f, [1f, 1f]);
                budget.AddMemberMonth(m, 1, f, [3f, 3f]);
            }
        }

        var table = budget.Result("r", "2021");

        var area = _grid.RowCellAreas()[3];
        var dbf = table.Rows.Single(r => r.Group == "igbp" && r.Region == "4 DBF" && r.Flux == "gpp" && r.Period == "2021");
        Assert.Equal(365, dbf.Days);
        Assert.Equal(2.0 * 365 * area * 1e-15, dbf.TotalPgc, 1e-12);
        // Members' annual totals 1 and 3 g m-2 d-1 x 365 days: their standard deviation is 1 g m-2 d-1 x 365 days.
        Assert.Equal(1.0 * 365 * area * 1e-15, dbf.UncertaintyPgc, 1e-12);
        var europe = table.Rows.Single(r => r.Group == "continent" && r.Region == "Europe" && r.Flux == "nee" && r.Period == "2021-02");
        Assert.Equal(2.0 * 28 * 1.5 * area * 1e-15, europe.TotalPgc, 1e-12);
        Assert.Equal(1.5 * area / 1e12, europe.LandAreaMkm2, 1e-9);
        Assert.Single(table.Rows, r => r.Group == "koppen" && r.Region == "BSk" && r.Flux == "reco" && r.Period == "2021");
        Assert.Equal(BudgetTable.FromMembers, table.UncertaintyMethod);
    }
}

/// <summary>
/// The spread of a monthly mean and of a total from the members' monthly means, on an ensemble whose members' daily
/// errors alternate in sign (LightUseEfficiencyTestPredictor.AlternatingMembers): there the mean of the daily spreads
/// (10 % of the flux) and the members' spread (nearly 0) differ by far.
/// </summary>
public sealed class MemberSpreadTests : IDisposable
{
    private readonly TempDirectory _dir = new("tamrl-member-spread");
    private readonly RegularLatLonGrid _grid = RegularLatLonGrid.Global(10);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Publish_TakesTheMonthlySpreadFromTheMembersMonthlyMeans_NotTheMeanOfTheDailySpreads()
    {
        var runDir = _dir.File("runs/r");
        TestRuns.Inferred(runDir, predictor: new LightUseEfficiencyTestPredictor { AlternatingMembers = true });
        var result = ProductPublisher.Publish(runDir, _dir.File("out"), new PublishOptions { Checks = TestChecks.Lenient, Quicklooks = false });
        Assert.True(result.Checks!.Passed, result.Checks.Summary());

        using var daily = NetCdfFile.Open(Path.Combine(result.PeriodFolder, "netcdf/tamrl_daily_2021-01.nc"));
        using var monthly = NetCdfFile.Open(Path.Combine(result.PeriodFolder, "netcdf/tamrl_monthly_2021-01-01_2021-02-28.nc"));
        Assert.Equal("members_monthly_means", monthly.GetVariable("gpp_uncertainty").Attributes.GetText("spread_method"));
        var gpp = daily.Read<float>("gpp"); // [day, cell], January
        var dailySpread = daily.Read<float>("gpp_uncertainty");
        var spread = monthly.Read<float>("gpp_uncertainty", [0, 0, 0], [1, _grid.Rows, _grid.Columns]);
        var cells = _grid.Rows * _grid.Columns;
        var compared = 0;
        for (var i = 0; i < cells; i++)
        {
            if (gpp[i] == ProductFill.Value || gpp[i] < 0.5f)
                continue;
            // Members 0 and 1 differ by 2 x 10 % x (the days' alternating sum); the population spread of two is half that.
            var members = Enumerable.Range(0, 2).Select(k => Enumerable.Range(0, 31).Average(d => (double)LightUseEfficiencyTestPredictor.Member(gpp[d * cells + i], k, d))).ToArray();
            var expected = Math.Abs(members[0] - members[1]) / 2;
            var meanOfDaily = Enumerable.Range(0, 31).Average(d => (double)dailySpread[d * cells + i]);
            Assert.Equal(expected, spread[i], 1e-5 + 1e-5 * meanOfDaily);
            Assert.True(spread[i] < 0.2 * meanOfDaily, $"cell {i}: {spread[i]} against the daily spreads' mean {meanOfDaily}");
            compared++;
        }
        Assert.True(compared > 10);

        var table = BudgetTable.Load(Path.Combine(result.PeriodFolder, "budgets/regional_budgets_2021-01-01_2021-02-28.json"));
        Assert.Equal(BudgetTable.FromMembers, table.UncertaintyMethod);
        Assert.Equal(2, table.Members);
        var global = table.Rows.Single(r => r.Group == "global" && r.Flux == "gpp" && r.Period == "2021-01");
        // The bound would be 10 % of the total; the members (all starting with +10 % on day 0, 31 days) differ by ~1/31 of that.
        Assert.InRange(global.UncertaintyPgc, 0.01 * 0.1 * global.TotalPgc, 0.05 * 0.1 * global.TotalPgc);
    }

    [Fact]
    public void ChunkFiles_KeepTheMembersMonthlyMeans_OnlyForAnEnsemble()
    {
        var withMembers = _dir.File("a");
        var without = _dir.File("b");
        TestRuns.Inferred(withMembers, predictor: new LightUseEfficiencyTestPredictor { AlternatingMembers = true });
        TestRuns.Inferred(without);

        string FirstChunk(string runDir) => Directory.GetFiles(Path.Combine(runDir, "chunks"), "chunk_*.nc").Order(StringComparer.Ordinal).First();
        var header = ExternalTool.RunOk("ncdump", "-h", FirstChunk(withMembers));
        Assert.Contains("float gpp_member_mean(member, month, lat, lon)", header);
        Assert.Contains(":members = 2", header);
        Assert.DoesNotContain("member_mean", ExternalTool.RunOk("ncdump", "-h", FirstChunk(without)));
    }
}
