using TamRl.Upscale.IO.Gdal;

namespace TamRl.Upscale.IO.Tests.Gdal;

public sealed class GeoTransformTests
{
    [Fact]
    public void ForGlobalGrid_PutsOriginAtNorthWestCorner_WithNegativePixelHeight()
    {
        Assert.Equal([-180, 0.5, 0, 90, 0, -0.5], GeoTransform.ForGlobalGrid(0.5).ToArray());
        Assert.Equal((720, 360), GeoTransform.GlobalGridSize(0.5));
        Assert.Equal((7200, 3600), GeoTransform.GlobalGridSize(0.05));
    }

    [Fact]
    public void CellCenter_IsHalfACellInsideTheCorner()
    {
        var (x, y) = GeoTransform.ForGlobalGrid(0.5).CellCenter(0, 0);

        Assert.Equal((-179.75, 89.75), (x, y));
        Assert.Equal((179.75, -89.75), GeoTransform.ForGlobalGrid(0.5).CellCenter(719, 359));
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void GlobalGridSize_Rejects_ResolutionsThatDoNotTileTheGlobe(double resolution)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GeoTransform.ForGlobalGrid(resolution));
    }

    [Fact]
    public void FromCorner_Rejects_NonPositiveCellSizes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GeoTransform.FromCorner(0, 0, 1, -1));
    }
}
