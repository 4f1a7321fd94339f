using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Products.Chunking;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Tests.Inference;

public class SurfaceRulesTests
{
    private static readonly DatePeriod TwoMonths = new(new DateOnly(2021, 1, 1), new DateOnly(2021, 2, 28));

    /// <summary>The synthetic cube with its land south of 40S turned into permanent ice (IGBP 15).</summary>
    private sealed class IceInTheSouth(SyntheticDriverCube inner) : IDriverCube
    {
        public string Location => inner.Location;
        public RegularLatLonGrid Grid => inner.Grid;
        public IReadOnlyList<string> Features => inner.Features;
        public IReadOnlyDictionary<string, string> InputChecksums => inner.InputChecksums;
        public float[] ReadSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, int days) => inner.ReadSeries(pixels, first, days);
        public void Dispose() => inner.Dispose();

        public StaticWindow ReadStatic(GridBlock window)
        {
            var w = inner.ReadStatic(window);
            var igbp = w.Igbp.ToArray();
            for (var i = 0; i < igbp.Length; i++)
                if (Grid.LatitudeOfRow(window.Row0 + i / window.Columns) < -40 && w.IsLand(i))
                    igbp[i] = SurfaceRules.PermanentSnowAndIce;
            return w with { Igbp = igbp };
        }
    }

    private sealed class RecordingPredictor(IFluxPredictor inner) : IFluxPredictor
    {
        public List<int> Igbp { get; } = new();
        public IReadOnlyList<string> Features => inner.Features;
        public string Identity => inner.Identity;

        public FluxBlock Predict(PixelBlock block)
        {
            Igbp.AddRange(block.Igbp);
            return inner.Predict(block);
        }
    }

    [Fact]
    public void Predict_SetsEveryFluxAndSpreadOfPermanentIceToZero_WithoutAskingTheModel()
    {
        var grid = RegularLatLonGrid.Global(10);
        using var cube = new IceInTheSouth(new SyntheticDriverCube(grid, TwoMonths));
        var statics = cube.ReadStatic(new GridBlock(0, grid.Rows, 0, grid.Columns));
        var chunk = new Chunk(0, 0, grid.Rows, 0, grid.Columns, statics.LandCells);
        var predictor = new RecordingPredictor(new LightUseEfficiencyTestPredictor());

        var outputs = ChunkRunner.Predict(cube, chunk, TwoMonths, predictor, batchPixels: 16);

        var ice = Enumerable.Range(0, grid.Rows * grid.Columns).Where(i => statics.IsLand(i) && statics.Igbp[i] == SurfaceRules.PermanentSnowAndIce).ToList();
        Assert.NotEmpty(ice);
        Assert.DoesNotContain(SurfaceRules.PermanentSnowAndIce, predictor.Igbp);
        Assert.Equal(statics.LandCells - ice.Count, predictor.Igbp.Count);
        foreach (var output in outputs)
            foreach (var cell in ice)
                for (var d = 0; d < TwoMonths.Days; d++)
                    Assert.Equal(0f, output[d * grid.Rows * grid.Columns + cell]);
        var vegetated = Enumerable.Range(0, grid.Rows * grid.Columns).First(i => statics.IsLand(i) && !ice.Contains(i) && grid.LatitudeOfRow(i / grid.Columns) < 30);
        Assert.True(outputs[0][vegetated] > 0); // the model's GPP elsewhere
    }
}
