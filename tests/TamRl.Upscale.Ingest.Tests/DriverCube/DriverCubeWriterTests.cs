using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Ingest.Tests.DriverCube;

public class DriverCubeWriterTests
{
    [Fact]
    public void WriteStatic_WritesTheFourFieldsWithFills_AsNcdumpReadsThem()
    {
        using var dir = new TempDirectory();
        var path = dir.File("static.nc");
        DriverCubeWriter.WriteStatic(path, CubeFixture.Grid, CubeFixture.Static());

        var header = Ncdump.Header(path);
        Assert.Contains("float land_fraction(lat, lon) ;", header);
        Assert.Contains("land_fraction:units = \"1\" ;", header);
        Assert.Contains("float elevation(lat, lon) ;", header);
        Assert.Contains("elevation:units = \"m\" ;", header);
        Assert.Contains("int igbp(lat, lon) ;", header);
        Assert.Contains("igbp:_FillValue = -1 ;", header);
        Assert.Contains("int koppen(lat, lon) ;", header);
        Assert.Contains("double lat_bnds(lat, nv) ;", header);

        var expected = CubeFixture.Static();
        var igbp = Ncdump.Values(path, "igbp");
        var elevation = Ncdump.Values(path, "elevation");
        Assert.Equal(expected.Igbp[1234], igbp[1234]);
        Assert.Equal(expected.Elevation[1234], elevation[1234], 3);
        var ocean = 35 * CubeFixture.Grid.Columns + 60;
        Assert.True(double.IsNaN(igbp[ocean]));
        Assert.True(double.IsNaN(elevation[ocean]));
        Assert.Equal(new[] { 60.0, 59.5 }, Ncdump.Values(path, "lat_bnds").Take(2));
        Assert.Empty(Directory.GetFiles(dir.Path, ".*"));
    }

    [Fact]
    public void WriteStatic_ChunksTheFieldsIn256CellSquares_ClippedToTheGrid()
    {
        // Inference reads the static fields a tile at a time: netCDF-C's default chunks (a sixth of a fine map)
        // would be decompressed whole for every tile.
        using var dir = new TempDirectory();
        var grid = Core.Grid.RegularLatLonGrid.Global(0.5);
        var cells = grid.Rows * grid.Columns;
        var fields = new StaticFields(new float[cells], new float[cells], new int[cells], new int[cells]);
        var path = dir.File("static.nc");
        DriverCubeWriter.WriteStatic(path, grid, fields);

        var header = Ncdump.Header(path, special: true);
        foreach (var field in new[] { "land_fraction", "elevation", "igbp", "koppen" })
            Assert.Contains($"{field}:_ChunkSizes = 256, 256 ;", header);

        DriverCubeWriter.WriteStatic(path, CubeFixture.Grid, CubeFixture.Static());
        Assert.Contains($"land_fraction:_ChunkSizes = {Math.Min(256, CubeFixture.Grid.Rows)}, {Math.Min(256, CubeFixture.Grid.Columns)} ;", Ncdump.Header(path, special: true));
    }
}
