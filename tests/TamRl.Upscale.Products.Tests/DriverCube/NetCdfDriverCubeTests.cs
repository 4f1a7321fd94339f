using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.Products.DriverCube;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.DriverCube;

public class NetCdfDriverCubeTests
{
    private static readonly DatePeriod January = DatePeriod.Month(2021, 1);

    [Fact]
    public void ReadStatic_GivesTheWindowOfStaticNc_WithOceanAsZeroLand()
    {
        using var dir = new TempDirectory();
        var synthetic = new SyntheticDriverCube(RegularLatLonGrid.Global(5), January);
        DriverCubeFiles.Write(dir.Path, synthetic, [January]);
        using var cube = NetCdfDriverCube.Open(dir.Path);

        foreach (var window in new[] { new GridBlock(0, 36, 0, 72), new GridBlock(7, 11, 30, 25), new GridBlock(35, 1, 71, 1) })
        {
            var read = cube.ReadStatic(window);
            var expected = synthetic.ReadStatic(window);
            Assert.Equal(window, read.Block);
            Assert.Equal(expected.LandFraction, read.LandFraction); // static.nc holds NaN (its fill) over ocean: read back as 0
            Assert.Equal(expected.LandCells, read.LandCells);
            for (var i = 0; i < window.Cells; i++)
                if (expected.IsLand(i))
                    Assert.Equal((expected.Igbp[i], expected.Koppen[i]), (read.Igbp[i], read.Koppen[i]));
        }
        Assert.Contains(0, cube.ReadStatic(new GridBlock(0, 36, 0, 72)).LandFraction); // there is ocean to test
    }

    [Fact]
    public void ReadStatic_RefusesAWindowOutsideTheGrid_NamingTheCube()
    {
        using var dir = new TempDirectory();
        DriverCubeFiles.Write(dir.Path, new SyntheticDriverCube(RegularLatLonGrid.Global(10), January), [January]);
        using var cube = NetCdfDriverCube.Open(dir.Path);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => cube.ReadStatic(new GridBlock(10, 9, 0, 36)));
        Assert.Contains("18 x 36", e.Message);
        Assert.Contains(Path.GetFileName(dir.Path), e.Message);
    }
}
