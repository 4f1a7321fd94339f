using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Core.Tests.Grid;

public class RegularLatLonGridTests
{
    [Fact]
    public void Global_PutsTheOriginAtTheNorthWestCorner()
    {
        var g = RegularLatLonGrid.Global(0.25);
        Assert.Equal((720, 1440), (g.Rows, g.Columns));
        Assert.Equal((-180, 90, 180, -90), (g.West, g.North, g.East, g.South));
        Assert.Equal(89.875, g.LatitudeOfRow(0));
        Assert.Equal(-89.875, g.LatitudeOfRow(719));
        Assert.Equal(-179.875, g.LongitudeOfColumn(0));
        Assert.True(g.IsGlobalInLongitude);
        Assert.Equal([-180, 0.25, 0, 90, 0, -0.25], g.GeoTransform());
    }

    [Fact]
    public void Global_Throws_WhenResolutionDoesNotDivide180() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RegularLatLonGrid.Global(0.7));

    [Fact]
    public void Ctor_Throws_WhenCellCentresLeaveTheLatitudeRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RegularLatLonGrid(3, 4, -180, 100, 1, 1));

    [Fact]
    public void Ctor_Throws_WhenColumnsCoverMoreThanTheGlobe() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RegularLatLonGrid(1, 361, -180, 90, 1, 1));

    [Fact]
    public void Ctor_AcceptsCentresOnThePoles_AsInEra5()
    {
        var g = new RegularLatLonGrid(721, 1440, -180.125, 90.125, 0.25, 0.25);
        Assert.Equal(90, g.LatitudeOfRow(0));
        Assert.Equal(-90, g.LatitudeOfRow(720));
        Assert.False(new RegularLatLonGrid(2, 2, 0, 10, 1, 1).IsGlobalInLongitude);
    }
}

public class RegularLatLonGridCellTests
{
    [Theory]
    [InlineData(89.9, -179.9, 0, 0)]
    [InlineData(90, -180, 0, 0)]          // a cell's north and west edges are its own
    [InlineData(88, -178, 1, 1)]
    [InlineData(-89.9, 179.9, 89, 179)]
    [InlineData(51.08, 10.45, 19, 95)]
    public void TryCellOf_FindsTheCellHoldingThePoint(double lat, double lon, int row, int column)
    {
        var grid = TamRl.Upscale.Core.Grid.RegularLatLonGrid.Global(2);

        Assert.True(grid.TryCellOf(lat, lon, out var r, out var c));
        Assert.Equal((row, column), (r, c));
    }

    [Fact]
    public void TryCellOf_RefusesAPointOutside_UnlessLongitudesWrapOnAGlobalGrid()
    {
        var grid = TamRl.Upscale.Core.Grid.RegularLatLonGrid.Global(2);

        Assert.False(grid.TryCellOf(10, 190, out _, out _));
        Assert.True(grid.TryCellOf(10, 190, out _, out var column, wrap: true));
        Assert.Equal(grid.ColumnOf(-170), column);
        Assert.False(grid.TryCellOf(-90.5, 0, out _, out _));
    }
}
