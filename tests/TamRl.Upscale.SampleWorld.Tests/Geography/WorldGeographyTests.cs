using TamRl.Upscale.Core.Grid;
using System.Globalization;
using System.Security.Cryptography;
using TamRl.Upscale.SampleWorld.Geography;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.SampleWorld.Tests.Geography;

public class WorldGeographyTests
{
    private const string ElevationFile = "elevation/elevation_0.5deg.nc";

    private static readonly Lazy<GeographySources> Sources = new(() => GeographySources.Load(RepoPaths.RealData()));

    private static WorldGeography Build(double resolution) => WorldGeography.Build(
        new SampleWorldOptions { OutputDirectory = "unused", Resolution = resolution }, Sources.Value);

    private static readonly Lazy<WorldGeography> Globe = new(() => Build(2));

    /// <summary>The committed elevation grid as ncdump prints it: rows south to north (as stored), columns from 179.75W.</summary>
    private static readonly Lazy<double[]> Committed = new(() => Ncdump.Values(RepoPaths.RealData(ElevationFile), "elevation"));

    private static double CommittedAt(double lat, double lon) =>
        Committed.Value[(int)Math.Floor((lat + 90) / 0.5) * 720 + (int)Math.Floor((lon + 180) / 0.5)];

    private static int Cell(double lat, double lon) => Globe.Value.CellOf(lat, lon);

    [Fact]
    public void LandMask_ComesFromTheKottekMap()
    {
        var g = Globe.Value;
        Assert.Equal(0, g.LandFraction[Cell(0, -30)]);    // mid-Atlantic
        Assert.Equal(1, g.LandFraction[Cell(50, 90)]);    // Siberia
        Assert.InRange(g.LandFraction[Cell(51, 1)], 0.01, 0.99); // the Channel coast: a partial cell
        Assert.Equal("Af", g.Koppen.Name(g.KoppenClass[Cell(-3, -70)]));   // western Amazon
        Assert.Equal("BWh", g.Koppen.Name(g.KoppenClass[Cell(23, 10)]));   // Sahara
    }

    [Theory]
    [InlineData(32, 88, 4000, 6000)]   // the 2 degree cell 32-34N 88-90E on the Tibetan plateau
    [InlineData(-3, -70, 0, 300)]      // western Amazon lowlands
    [InlineData(-80, 30, 2500, 4000)]  // East Antarctic ice sheet (ETOPO2 is the ice surface)
    [InlineData(50, 90, 500, 3000)]    // Altai/Sayan
    public void Elevation_AtTwoDegrees_IsTheAreaMeanOfTheCommittedGrid(double lat, double lon, double low, double high)
    {
        var g = Globe.Value;
        var cell = Cell(lat, lon);
        Assert.Equal(1, g.LandFraction[cell]); // all 16 sub-cells are land: the mean takes every one
        var north = g.Grid.North - cell / g.Grid.Columns * 2.0;
        var west = g.Grid.West + cell % g.Grid.Columns * 2.0;
        double sum = 0, weights = 0;
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 4; j++)
            {
                var subLat = north - 0.25 - 0.5 * i;
                var w = Math.Cos(subLat * Math.PI / 180);
                sum += w * CommittedAt(subLat, west + 0.25 + 0.5 * j);
                weights += w;
            }
        Assert.Equal(sum / weights, g.Elevation[cell], 0.5);
        Assert.InRange(g.Elevation[cell], low, high);
    }

    [Fact]
    public void Elevation_AtHalfADegree_IsTheCommittedValue_AndBelowInterpolates()
    {
        var half = Build(0.5);
        var everest = half.CellOf(27.9, 86.9); // the cell 27.5-28N 86.5-87E, Everest's massif
        Assert.Equal(CommittedAt(27.9, 86.9), half.Elevation[everest]);
        Assert.True(half.Elevation[everest] > 3000, $"Everest's cell {half.Elevation[everest]} m");
        var lowland = half.CellOf(52.3, 5.3); // IJsselmeer polders, Netherlands
        Assert.InRange(half.Elevation[lowland], 0, 50);

        // 0.25 degrees: bilinear between the four nearest 0.5 degree centres, so within their range.
        var quarter = WorldGeography.Build(
            new SampleWorldOptions { OutputDirectory = "unused", Resolution = 0.25, Box = new BoundingBox(86, 27, 88, 29) }, Sources.Value);
        var c = quarter.CellOf(27.85, 86.85); // centre 27.875N 86.875E
        double[] corners = [CommittedAt(27.75, 86.75), CommittedAt(27.75, 87.25), CommittedAt(28.25, 86.75), CommittedAt(28.25, 87.25)];
        var expected = 0.75 * (0.75 * corners[0] + 0.25 * corners[1]) + 0.25 * (0.75 * corners[2] + 0.25 * corners[3]);
        Assert.Equal(expected, quarter.Elevation[c], 0.5);
    }

    [Fact]
    public void Elevation_IsZeroAtSea()
    {
        Assert.Equal(0, Globe.Value.Elevation[Cell(0, -30)]);
        Assert.Equal(0, Globe.Value.Elevation[Cell(-40, 80)]); // southern Indian Ocean: 4000 m deep in ETOPO2
    }

    [Fact]
    public void ElevationFile_IsCommitted_AndRecordedInTheManifest()
    {
        // A fresh clone reads the grid from its own tree: the file is tracked by git and listed with its size.
        var path = RepoPaths.RealData(ElevationFile);
        var relative = "data/real/" + ElevationFile;
        if (Directory.Exists(Path.Combine(RepoPaths.Root, ".git")) || File.Exists(Path.Combine(RepoPaths.Root, ".git")))
            Assert.Equal(relative, ExternalTool.RunOk("git", "-C", RepoPaths.Root, "ls-files", "--error-unmatch", relative).Trim());
        var row = File.ReadLines(RepoPaths.RealData("MANIFEST.csv")).Single(l => l.StartsWith(relative + ",", StringComparison.Ordinal));
        Assert.Contains(new FileInfo(path).Length.ToString(CultureInfo.InvariantCulture), row);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), row);
        Assert.Contains("ETOPO2", row);
        Assert.Contains("ETOPO2", Ncdump.Header(path));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "scripts", "derive-elevation.sh")));
    }

    [Fact]
    public void Band_HasTheValuesOfTheWholeGrid_InItsRows()
    {
        var options = new SampleWorldOptions { OutputDirectory = "unused", Resolution = 2 };
        var whole = Globe.Value;
        var band = WorldGeography.Build(options, Sources.Value, 20, 7);
        Assert.Equal(7 * whole.Grid.Columns, band.Cells);
        var offset = 20 * whole.Grid.Columns;
        Assert.Equal(whole.Elevation.Skip(offset).Take(band.Cells), band.Elevation);
        Assert.Equal(whole.IgbpClass.Skip(offset).Take(band.Cells), band.IgbpClass);
        Assert.Equal(whole.LandFraction.Skip(offset).Take(band.Cells), band.LandFraction);
        Assert.Equal(whole.Latitude.Skip(offset).Take(band.Cells), band.Latitude);
        Assert.Equal(5, band.Local(offset + 5));
        Assert.Equal(-1, band.Local(offset - 1));

        // A window (the hourly region's kind): rows 20..26, columns 100..109.
        var window = WorldGeography.Build(options, Sources.Value, 20, 7, 100, 10);
        Assert.Equal(70, window.Cells);
        for (var r = 0; r < 7; r++)
            for (var c = 0; c < 10; c++)
            {
                var cell = (20 + r) * whole.Grid.Columns + 100 + c;
                Assert.Equal(r * 10 + c, window.Local(cell));
                Assert.Equal(whole.Elevation[cell], window.Elevation[r * 10 + c]);
                Assert.Equal(whole.IgbpClass[cell], window.IgbpClass[r * 10 + c]);
                Assert.Equal(whole.Longitude[cell], window.Longitude[r * 10 + c]);
            }
        Assert.Equal(-1, window.Local(20 * whole.Grid.Columns + 99));
    }

    [Fact]
    public void Igbp_FollowsClimate_AwayFromTowers()
    {
        var g = Globe.Value;
        Assert.Equal(Igbp.SNO, g.IgbpClass[Cell(-80, 30)]);
        Assert.Contains(g.IgbpClass[Cell(23, 10)], new[] { Igbp.BSV, Igbp.OSH });
        Assert.Contains(g.IgbpClass[Cell(-3, -70)], new[] { Igbp.EBF, Igbp.CVM, Igbp.WET });
        Assert.Equal(Igbp.Water, g.IgbpClass[Cell(0, -30)]);
    }
}
