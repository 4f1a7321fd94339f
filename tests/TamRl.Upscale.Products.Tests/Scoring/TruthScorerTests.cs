using System.Globalization;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Products;
using TamRl.Upscale.Products.Scoring;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.Scoring;

public class TruthScorerTests(PublishedProductFixture product) : IClassFixture<PublishedProductFixture>
{
    private readonly RegularLatLonGrid _grid = RegularLatLonGrid.Global(10);

    /// <summary>
    /// A truth file as the sample world writes it, but stored south to north (to exercise the reordering):
    /// the products' own values shifted by known offsets, so the expected scores are known exactly.
    /// </summary>
    private void WriteTruth(string folder, float gppOffset, float recoOffset)
    {
        Directory.CreateDirectory(folder);
        var days = 59;
        using var nc = NetCdfFile.Create(Path.Combine(folder, "truth_2021.nc"));
        nc.AddDimension("time", days);
        nc.AddDimension("lat", _grid.Rows);
        nc.AddDimension("lon", _grid.Columns);
        nc.AddVariable("time", NcType.Double, ["time"]);
        nc.SetAttribute("time", "units", "days since 1970-01-01");
        nc.AddVariable("lat", NcType.Double, ["lat"]);
        nc.SetAttribute("lat", "units", "degrees_north");
        nc.AddVariable("lon", NcType.Double, ["lon"]);
        nc.SetAttribute("lon", "units", "degrees_east");
        foreach (var v in new[] { "gpp", "reco", "nee" })
            nc.AddVariable(v, NcType.Float, ["time", "lat", "lon"], new NcVariableOptions { FillValue = AttributeValue.Of(float.NaN) });
        var epoch = new DateOnly(1970, 1, 1).DayNumber;
        nc.Write<double>("time", Enumerable.Range(0, days).Select(d => (double)(new DateOnly(2021, 1, 1).DayNumber + d - epoch)).ToArray());
        nc.Write<double>("lat", _grid.Latitudes().Reverse().ToArray());
        nc.Write<double>("lon", _grid.Longitudes());
        var offsets = new Dictionary<string, float> { ["gpp"] = gppOffset, ["reco"] = recoOffset, ["nee"] = recoOffset - gppOffset };
        foreach (var (month, first) in new[] { ("2021-01", 0), ("2021-02", 31) })
        {
            using var daily = NetCdfFile.Open(product.File($"netcdf/tamrl_daily_{month}.nc"));
            for (var d = 0; d < daily.Dimensions["time"]; d++)
                foreach (var v in offsets.Keys)
                {
                    var map = daily.Read<float>(v, [d, 0, 0], [1, _grid.Rows, _grid.Columns]);
                    var flipped = new float[map.Length];
                    for (var r = 0; r < _grid.Rows; r++)
                        for (var c = 0; c < _grid.Columns; c++)
                        {
                            var x = map[r * _grid.Columns + c];
                            flipped[(_grid.Rows - 1 - r) * _grid.Columns + c] = x == -9999f ? float.NaN : x - offsets[v];
                        }
                    nc.Write<float>(v, [first + d, 0, 0], [1, _grid.Rows, _grid.Columns], flipped);
                }
        }
    }

    [Fact]
    public void Score_GivesRmseAndBiasAgainstTheTruth_AndDrawsErrorMapsAndZonalMeans()
    {
        using var dir = new TempDirectory();
        WriteTruth(dir.File("truth"), gppOffset: 0.5f, recoOffset: -0.25f);

        var report = TruthScorer.Score(product.RunDir, product.Result.PeriodFolder, dir.File("truth"), dir.File("reports"));

        var gpp = report.Scores.Single(s => s.Variable == "gpp");
        var reco = report.Scores.Single(s => s.Variable == "reco");
        var nee = report.Scores.Single(s => s.Variable == "nee");
        Assert.Equal(0.5, gpp.Bias, 1e-4);
        Assert.Equal(0.5, gpp.Rmse, 1e-4);
        Assert.Equal(0.5, gpp.AreaWeightedBias, 1e-4);
        Assert.Equal(-0.25, reco.Bias, 1e-4);
        Assert.Equal(-0.75, nee.Bias, 1e-4);
        Assert.Equal(0.75, nee.Rmse, 1e-4);
        Assert.True(gpp.Count > 0);
        foreach (var figure in report.Figures)
            Assert.Equal("PNG", ExternalTool.GdalInfoJson(dir.File($"reports/{figure}")).GetProperty("driverShortName").GetString());
        Assert.Contains("error_map_nee.png", report.Figures);
        Assert.Contains("zonal_mean_gpp.png", report.Figures);
        Assert.Contains("| gpp | 0.500 | 0.500 |", File.ReadAllText(dir.File("reports/score.md")));
        Assert.Contains("\"rmse\"", File.ReadAllText(dir.File("reports/score.json")));
    }

    [Fact]
    public void Score_ReportsTheBudgetsOfProductAndTruth_IntegratedAsCdoIntegratesThem()
    {
        using var dir = new TempDirectory();
        WriteTruth(dir.File("truth"), gppOffset: 0.5f, recoOffset: -0.25f);
        var classes = new SyntheticDriverCube(_grid, new DatePeriod(new DateOnly(2021, 1, 1), new DateOnly(2021, 2, 28)))
            .ReadStatic(new GridBlock(0, _grid.Rows, 0, _grid.Columns));

        var report = TruthScorer.Score(product.RunDir, product.Result.PeriodFolder, dir.File("truth"), dir.File("reports"), classes);

        // cdo, independently: each day's flux x cell area (cdo's gridarea) x land fraction, summed over cells and days.
        double CdoGrams(string variable, string weight) => new[] { "2021-01", "2021-02" }.Sum(month =>
        {
            var file = product.File($"netcdf/tamrl_daily_{month}.nc");
            var text = ExternalTool.RunOk("cdo", "-s", "outputf,%.12g,1", "-fldsum", "-mul", "-mul", "-timsum", $"-selname,{variable}", file,
                $"-selname,{weight}", file, "-gridarea", $"-selname,{weight}", file);
            return double.Parse(text.Trim(), CultureInfo.InvariantCulture);
        });
        var toPgPerYear = 365.25 / 59 / 1e15;
        var global = report.Budgets![0];
        Assert.Equal("global", global.Region);
        // cdo's cells have great-circle edges where the CF cells' are parallels: the same globe (cdo's fldsum of its
        // gridarea is 4 pi R^2 to 10 digits), shared differently between the rows, which moves a 10-degree integral by ~4e-4.
        Assert.Equal(1, global.Product.Gpp / (CdoGrams("gpp", "land_fraction") * toPgPerYear), 1e-3);
        Assert.Equal(1, global.Product.Nee / (CdoGrams("nee", "land_fraction") * toPgPerYear), 1e-3);
        // The truth is the product less known offsets over the same land: its totals are known from the land area.
        var landPgPerYear = global.LandAreaMkm2 * 1e12 * 365.25 / 1e15; // 1 g m-2 d-1 over the land
        Assert.Equal(global.Product.Gpp - 0.5 * landPgPerYear, global.Truth.Gpp, 1e-6);
        Assert.Equal(global.Product.Reco + 0.25 * landPgPerYear, global.Truth.Reco, 1e-6);
        Assert.Equal(-0.75 * landPgPerYear, global.Error.Nee, 1e-6);
        Assert.Equal(-0.25 * landPgPerYear, global.NeeErrorFromReco, 1e-6);
        Assert.Equal(-0.5 * landPgPerYear, global.NeeErrorFromGpp, 1e-6);
        Assert.True(global.SpreadBound.Gpp > 0);
        foreach (var group in new[] { "continent", "latitude", "igbp", "koppen" })
            Assert.Equal(global.Truth.Nee, report.Budgets.Where(b => b.Group == group).Sum(b => b.Truth.Nee), 1e-9);
        var markdown = File.ReadAllText(dir.File("reports/score.md"));
        Assert.Contains("## Carbon budget (Pg C/yr)", markdown);
        Assert.Contains("### By igbp, largest NEE error first", markdown);
        Assert.Contains("\"budgets\"", File.ReadAllText(dir.File("reports/score.json")));
    }

    [Fact]
    public void Score_RefusesTruthOnAnotherGrid_NamingTheFile()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("truth"));
        using (var nc = NetCdfFile.Create(dir.File("truth/truth_2021.nc")))
        {
            nc.AddDimension("time", 1);
            nc.AddDimension("lat", 2);
            nc.AddDimension("lon", 4);
            nc.AddVariable("time", NcType.Double, ["time"]);
            nc.SetAttribute("time", "units", "days since 1970-01-01");
            // A CF truth file (the axes found by their units, as the IO/Cf coders find them), on another grid.
            nc.AddVariable("lat", NcType.Double, ["lat"]);
            nc.SetAttribute("lat", "units", "degrees_north");
            nc.AddVariable("lon", NcType.Double, ["lon"]);
            nc.SetAttribute("lon", "units", "degrees_east");
            nc.AddVariable("gpp", NcType.Float, ["time", "lat", "lon"]);
            nc.Write<double>("time", [18628]);
            nc.Write<double>("lat", [45, -45]);
            nc.Write<double>("lon", [-135, -45, 45, 135]);
        }

        var e = Assert.ThrowsAny<DataFileException>(() => TruthScorer.Score(product.RunDir, product.Result.PeriodFolder, dir.File("truth"), dir.File("reports")));

        Assert.Contains("truth_2021.nc", e.Message);
        Assert.Contains("differs from the products'", e.Message);
    }
}
