using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Tests.Writers;

public class QuicklookImageTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(0.5, 2)]
    [InlineData(0.25, 4)]
    [InlineData(0.05, 20)]
    public void TheQuicklooksData_IsTheSameSizeOnEveryGridFromOneDegreeDown(double resolution, int factor)
    {
        var image = new QuicklookImage(RegularLatLonGrid.Global(resolution));

        Assert.Equal(factor, image.Factor);
        Assert.Equal((180, 360), (image.Rows, image.Columns));
    }

    [Fact]
    public void ACellOfTheQuicklook_IsTheMeanOfItsSquareOfGridCells_LeavingOutFill()
    {
        var grid = RegularLatLonGrid.Global(0.5);
        var image = new QuicklookImage(grid);
        var block = new GridBlock(0, 2, 0, 4);
        image.Add(block, [1f, 3f, 10f, float.NaN, 5f, 7f, float.NaN, float.NaN]);

        var data = image.Data();

        Assert.Equal(4.0, data[0, 0]);
        Assert.Equal(10.0, data[0, 1]);
        Assert.True(double.IsNaN(data[0, 2]));
    }
}
