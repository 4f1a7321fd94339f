using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Ingest.DriverCube;
using TamRl.Upscale.Sites.Tests.Stage;
using TamRl.Upscale.Sites.Windows;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Sites.Tests.Windows;

public class DriverCubeSiteSourceTests
{
    [Fact]
    public void ReadSeries_JoinsMonthsIntoOneSeriesPerPixel_WithTheCubesValues()
    {
        using var dir = new TempDirectory();
        TinyCube.Write(dir.Path, new CubeMonth(2010, 1), new CubeMonth(2010, 2), new CubeMonth(2010, 3));
        using var source = new DriverCubeSiteSource(dir.Path);
        (int, int)[] pixels = [(3, 4), (11, 15), (0, 0)];
        var first = new DateOnly(2010, 1, 20);
        var last = new DateOnly(2010, 3, 5);

        var values = source.ReadSeries(pixels, first, last);

        var days = last.DayNumber - first.DayNumber + 1;
        var nf = DriverFeatures.Names.Count;
        Assert.Equal(3 * days * nf, values.Length);
        for (var p = 0; p < 2; p++)
            for (var d = 0; d < days; d++)
                foreach (var f in new[] { 0, 5, 9 })
                    Assert.Equal(TinyCube.Value(f, first.AddDays(d), pixels[p].Item1, pixels[p].Item2), values[(p * days + d) * nf + f], 3);
        Assert.True(float.IsNaN(values[2 * days * nf])); // the ocean cell
    }

    [Fact]
    public void Source_ReportsTheCubesPeriodFeaturesAndGrid()
    {
        using var dir = new TempDirectory();
        TinyCube.Write(dir.Path, new CubeMonth(2010, 1), new CubeMonth(2010, 2));
        using var source = new DriverCubeSiteSource(dir.Path);

        Assert.Equal(new DateOnly(2010, 1, 1), source.FirstDay);
        Assert.Equal(new DateOnly(2010, 2, 28), source.LastDay);
        Assert.Equal(DriverFeatures.Names, source.Features);
        Assert.True(source.TryLocate(new Upscale.Sites.Fluxnet.TowerSite("A", 49.9, -94.9, 0, 0, "", ""), out var row, out var column));
        Assert.Equal((0, 0), (row, column));
        Assert.False(source.TryLocate(new Upscale.Sites.Fluxnet.TowerSite("B", 40, -94.9, 0, 0, "", ""), out _, out _));
        Assert.Contains("12 x 16", source.DescribeGrid());
    }
}
