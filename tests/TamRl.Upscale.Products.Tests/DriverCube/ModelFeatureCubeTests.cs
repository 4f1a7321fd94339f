using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.DriverCube;

/// <summary>A model's view of a NetCDF driver cube: its features in its order, held ones read, computed ones computed.</summary>
public class ModelFeatureCubeTests
{
    private static readonly DatePeriod January = DatePeriod.Month(2021, 1);

    [Fact]
    public void For_AModelOfSomeOfTheCubesFeatures_ReadsThemInTheModelsOrder_AndComputesTheComputedOnes()
    {
        using var dir = new TempDirectory();
        DriverCubeFiles.Write(dir.Path, new SyntheticDriverCube(RegularLatLonGrid.Global(10), January), [January]);
        using var cube = NetCdfDriverCube.Open(dir.Path);
        using var reader = DriverCubeReader.Open(dir.Path);
        (int Row, int Column)[] pixels = [(4, 20), (6, 30)];
        var first = new DateOnly(2021, 1, 3);
        string[] model = ["sw_in", "ta", "day_length"];

        using var view = ModelFeatureCube.For(cube, model, "bundle.json");
        var values = view.ReadSeries(pixels, first, 5);

        Assert.Equal(model, view.Features);
        var expected = reader.ReadPixelSeries(pixels, first, first.AddDays(4), ["sw_in", "ta"]);
        for (var p = 0; p < pixels.Length; p++)
            for (var d = 0; d < 5; d++)
            {
                var at = (p * 5 + d) * 3;
                Assert.Equal(expected.Values[(p * 5 + d) * 2], values[at]);
                Assert.Equal(expected.Values[(p * 5 + d) * 2 + 1], values[at + 1]);
                Assert.Equal(DriverFeatures.Computed("day_length", cube.Grid.LatitudeOfRow(pixels[p].Row), first.AddDays(d)), values[at + 2]);
            }
    }

    [Fact]
    public void For_AModelOfHeldFeaturesOnly_IsTheCubeNarrowedToThem()
    {
        using var dir = new TempDirectory();
        DriverCubeFiles.Write(dir.Path, new SyntheticDriverCube(RegularLatLonGrid.Global(10), January), [January]);
        using var cube = NetCdfDriverCube.Open(dir.Path);

        var view = ModelFeatureCube.For(cube, ["ndvi", "ta"], "bundle.json");

        Assert.IsType<NetCdfDriverCube>(view);
        Assert.Equal(["ndvi", "ta"], view.Features);
        Assert.Equal(2 * 3, view.ReadSeries([(4, 20)], new DateOnly(2021, 1, 1), 3).Length);
        Assert.Equal("fpar", Assert.Throws<InvalidInputException>(() => cube.Select(["ta", "fpar"])).Variable);
    }
}
