using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.Products.Domain;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Publishing;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.Domain;

public class DomainMapPublishTests
{
    private static readonly DatePeriod TwoMonths = new(new DateOnly(2021, 1, 1), new DateOnly(2021, 2, 28));

    /// <summary>A training dataset (docs/data-contracts.md §3, the variables the domain reads) of towers at the given cells.</summary>
    private static void WriteTrainingDataset(string path, SyntheticDriverCube cube, IReadOnlyList<(int Row, int Column)> cells)
    {
        var days = TwoMonths.Days;
        var features = DriverFeatures.Names;
        var statics = cube.ReadStatic(new Products.Writers.GridBlock(0, cube.Grid.Rows, 0, cube.Grid.Columns));
        using var nc = NetCdfFile.Create(path);
        nc.AddDimension("site", cells.Count);
        nc.AddDimension("time", days);
        nc.AddDimension("feature", features.Count);
        nc.AddVariable("site_id", NcType.String, ["site"]);
        nc.AddVariable("feature", NcType.String, ["feature"]);
        nc.AddVariable("lat", NcType.Double, ["site"]);
        nc.AddVariable("lon", NcType.Double, ["site"]);
        nc.AddVariable("igbp", NcType.Int, ["site"]);
        nc.AddVariable("koppen", NcType.Int, ["site"]);
        nc.AddVariable("drivers", NcType.Float, ["site", "time", "feature"], new NcVariableOptions { FillValue = AttributeValue.Of(float.NaN) });
        nc.WriteStrings("site_id", cells.Select((_, i) => $"XX-T{i:D2}").ToArray());
        nc.WriteStrings("feature", features.ToArray());
        nc.Write<double>("lat", cells.Select(c => cube.Grid.LatitudeOfRow(c.Row)).ToArray());
        nc.Write<double>("lon", cells.Select(c => cube.Grid.LongitudeOfColumn(c.Column)).ToArray());
        nc.Write<int>("igbp", cells.Select(c => statics.Igbp[c.Row * cube.Grid.Columns + c.Column]).ToArray());
        nc.Write<int>("koppen", cells.Select(c => statics.Koppen[c.Row * cube.Grid.Columns + c.Column]).ToArray());
        nc.Write<float>("drivers", cube.ReadSeries(cells, TwoMonths.First, days));
    }

    [Fact]
    public void Publish_WithTheTrainingDataset_PublishesTheDomainMapBesideTheFluxes_InTheManifest()
    {
        using var dir = new TempDirectory();
        var grid = RegularLatLonGrid.Global(10);
        var synthetic = new SyntheticDriverCube(grid, TwoMonths);
        DriverCubeFiles.Write(dir.File("drivers"), synthetic, [DatePeriod.Month(2021, 1), DatePeriod.Month(2021, 2)]);
        var land = Enumerable.Range(0, grid.Rows * grid.Columns).Where(i => synthetic.LandFraction[i] > 0).Select(i => (i / grid.Columns, i % grid.Columns)).ToList();
        WriteTrainingDataset(dir.File("training.nc"), synthetic, land.Where((_, k) => k % 3 == 0).ToList());
        using (var cube = NetCdfDriverCube.Open(dir.File("drivers")))
        {
            var predictor = new LightUseEfficiencyTestPredictor();
            InferenceService.PlanRun(dir.File("runs/r"), "r", cube, TwoMonths, new MemoryBudget(4_000_000, 16, 0), predictor.Identity);
            InferenceService.RunAll(dir.File("runs/r"), cube, predictor);
        }

        var result = ProductPublisher.Publish(dir.File("runs/r"), dir.Path, new PublishOptions { Checks = TestChecks.Lenient, Quicklooks = false, TrainingDataset = dir.File("training.nc") });

        var file = Path.Combine(result.PeriodFolder, DomainMap.FileName(TwoMonths));
        var header = ExternalTool.RunOk("ncdump", "-h", file);
        Assert.Contains("flag_meanings = \"climate_outside_training_towers igbp_class_without_training_tower koppen_class_without_training_tower fluxes_set_by_rule\"", header);
        Assert.Contains("training_sites = \"" + ((land.Count + 2) / 3) + "\"", header);
        var index = Ncdump.Values(file, DomainMap.IndexVariable);
        var towerCell = land[0].Item1 * grid.Columns + land[0].Item2;
        Assert.Equal(0, index[towerCell], 1e-6); // a tower's own pixel, over the same period
        Assert.Contains(result.Files, f => f.Variable == DomainMap.FlagsVariable && f.Format == "netcdf-domain");
    }
}
