using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Tests.Inference;

public class DriverBlocksTests
{
    private static readonly DatePeriod TenDays = new(new DateOnly(2021, 3, 1), new DateOnly(2021, 3, 10));

    /// <summary>The land cells of rows 40..179, columns 200..279 of a 0.5 degree grid, in read order: over five rows and four columns of the cube's blocks.</summary>
    private static List<(int Row, int Column)> LandCells(IDriverCube cube, int row0 = 40, int rows = 140, int column0 = 200, int columns = 80)
    {
        var cells = new List<(int, int)>();
        var statics = cube.ReadStatic(new GridBlock(row0, rows, column0, columns));
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                if (statics.IsLand(r * columns + c))
                    cells.Add((row0 + r, column0 + c));
        cells.Sort(DriverBlocks.ReadOrder);
        return cells;
    }

    [Fact]
    public void CopyTo_GivesEveryBatchTheDriversOfOneWholeRead_ReadingOneBlockOfTheCubeAtATime()
    {
        var cube = new SyntheticDriverCube(RegularLatLonGrid.Global(0.5), TenDays);
        var cells = LandCells(cube);
        var whole = cube.ReadSeries(cells, TenDays.First, TenDays.Days);
        var perPixel = TenDays.Days * DriverFeatures.All.Count;
        var blocks = new DriverBlocks(cube, cells, TenDays);

        var readsBefore = cube.Reads;
        const int batch = 97; // batches straddle block boundaries
        for (var b0 = 0; b0 < cells.Count; b0 += batch)
        {
            var n = Math.Min(batch, cells.Count - b0);
            var buffer = new float[n * perPixel];
            blocks.CopyTo(b0, n, buffer);
            Assert.Equal(whole.AsSpan(b0 * perPixel, n * perPixel).ToArray(), buffer);
        }

        // The cells meet many 32 x 32 blocks of the cube: each read once, none holding more than one block.
        var distinctBlocks = cells.Select(DriverBlocks.BlockOf).Distinct().Count();
        Assert.True(distinctBlocks >= 6, $"{distinctBlocks} blocks");
        Assert.Equal(distinctBlocks, blocks.BlocksRead);
        Assert.Equal(distinctBlocks, cube.Reads - readsBefore);
        Assert.Equal(cells.GroupBy(DriverBlocks.BlockOf).Max(g => g.Count()), blocks.LargestBlock);
        Assert.True(blocks.LargestBlock <= DriverBlocks.BlockSide * DriverBlocks.BlockSide);
        Assert.True(blocks.LargestBlock < cells.Count / 4, $"a block held {blocks.LargestBlock} of the chunk's {cells.Count} pixels");
    }

    [Fact]
    public void ReadOrder_TakesTheCubesBlocksRowByRow_AndEachBlocksCellsRowMajor()
    {
        List<(int Row, int Column)> cells = [(40, 5), (0, 40), (31, 31), (0, 0), (32, 0), (1, 2), (31, 0)];

        cells.Sort(DriverBlocks.ReadOrder);

        Assert.Equal([(0, 0), (1, 2), (31, 0), (31, 31), (0, 40), (32, 0), (40, 5)], cells);
    }

    [Fact]
    public void CopyTo_RefusesAGapOverLand_NamingTheFeatureCellAndDay()
    {
        var inner = new SyntheticDriverCube(RegularLatLonGrid.Global(0.5), TenDays);
        var cells = LandCells(inner);
        var (row, column) = cells[^3];
        var cube = new GapCube(inner, row, column, DriverFeatures.IndexOf("sw_in"), day: 4);
        var blocks = new DriverBlocks(cube, cells, TenDays);
        var buffer = new float[cells.Count * TenDays.Days * DriverFeatures.All.Count];

        var e = Assert.Throws<InvalidInputException>(() => blocks.CopyTo(0, cells.Count, buffer));

        Assert.Contains("sw_in", e.Message);
        Assert.Contains($"row {row}, column {column}", e.Message);
        Assert.Contains("2021-03-05", e.Message);
    }

    /// <summary>A cube with one missing value over land.</summary>
    private sealed class GapCube(SyntheticDriverCube inner, int row, int column, int feature, int day) : IDriverCube
    {
        public string Location => inner.Location;
        public RegularLatLonGrid Grid => inner.Grid;
        public IReadOnlyList<string> Features => inner.Features;
        public StaticWindow ReadStatic(GridBlock window) => inner.ReadStatic(window);
        public IReadOnlyDictionary<string, string> InputChecksums => inner.InputChecksums;

        public float[] ReadSeries(IReadOnlyList<(int Row, int Column)> pixels, DateOnly first, int days)
        {
            var values = inner.ReadSeries(pixels, first, days);
            for (var p = 0; p < pixels.Count; p++)
                if (pixels[p] == (row, column))
                    values[(p * days + day) * Features.Count + feature] = float.NaN;
            return values;
        }

        public void Dispose() { }
    }
}
