using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Cf;

public class CfGridNormaliserTests
{
    private static double[] Range(double first, double step, int count) =>
        Enumerable.Range(0, count).Select(i => first + i * step).ToArray();

    private static CfGridMapping Normalise(double[] lat, double[] lon) =>
        CfGridNormaliser.Normalise(lat, lon, "/g.nc", "lat", "lon");

    [Fact]
    public void Normalise_RollsEra5Longitudes_AndKeepsDescendingLatitudes()
    {
        // ERA5 0.25°: longitude 0..359.75, latitude 90..-90 with centres on the poles.
        var m = Normalise(Range(90, -0.25, 721), Range(0, 0.25, 1440));
        Assert.Equal((721, 1440), (m.Grid.Rows, m.Grid.Columns));
        Assert.False(m.FlipLatitude);
        Assert.False(m.FlipLongitude);
        Assert.Equal(720, m.LongitudeRoll);
        Assert.Equal(0.25, m.Grid.LatitudeResolution);
        Assert.Equal((-180.125, 90.125), (m.Grid.West, m.Grid.North));
        Assert.Equal(-180, m.Grid.LongitudeOfColumn(0));
        Assert.Equal(179.75, m.Grid.LongitudeOfColumn(1439));
        Assert.Equal(-90, m.Grid.LatitudeOfRow(720));
        Assert.Equal(720, m.SourceColumn(0)); // the 180° column comes first, as -180
        Assert.Equal(0, m.SourceColumn(720));
    }

    [Fact]
    public void Normalise_FlipsAscendingLatitudes_AndRolls0To360Longitudes_ToAGeoTiffOrigin()
    {
        var m = Normalise(Range(-89.5, 1, 180), Range(0.5, 1, 360));
        Assert.True(m.FlipLatitude);
        Assert.Equal(180, m.LongitudeRoll);
        Assert.Equal((-180, 90), (m.Grid.West, m.Grid.North));
        Assert.Equal(89.5, m.Grid.LatitudeOfRow(0));
        Assert.Equal(-179.5, m.Grid.LongitudeOfColumn(0));
        Assert.Equal(179, m.SourceRow(0));
    }

    [Fact]
    public void ToCanonical_ReordersEra5LikeBlock_PerLeadingIndex()
    {
        // lat 45, -45 (descending, kept); lon 0, 90, 180, 270 -> canonical -180, -90, 0, 90.
        var m = Normalise([45, -45], [0, 90, 180, 270]);
        double[] block =
        [
            0, 1, 2, 3, /* lat 45 */ 10, 11, 12, 13, /* lat -45, time 0 */
            100, 101, 102, 103, 110, 111, 112, 113, /* time 1 */
        ];
        Assert.Equal([2, 3, 0, 1, 12, 13, 10, 11, 102, 103, 100, 101, 112, 113, 110, 111], m.ToCanonical(block));
        Assert.Equal([-180.0, -90, 0, 90], m.Grid.Longitudes());
    }

    [Fact]
    public void ToCanonical_FlipsRowsAndRollsColumns_ForLatitudeAscending0To360Grid()
    {
        // lat -45, 45 (ascending -> flipped); lon 45, 135, 225, 315 -> canonical -135, -45, 45, 135.
        var m = Normalise([-45, 45], [45, 135, 225, 315]);
        double[] block = [0, 1, 2, 3, /* lat -45 */ 10, 11, 12, 13 /* lat 45 */];
        Assert.Equal([12, 13, 10, 11, 2, 3, 0, 1], m.ToCanonical(block));
        Assert.Equal([45.0, -45], m.Grid.Latitudes());
        Assert.Equal((-180, 90), (m.Grid.West, m.Grid.North));
    }

    [Fact]
    public void ToCanonical_ReversesColumns_WhenLongitudesAreStoredEastToWest()
    {
        var m = Normalise([45, -45], [135, 45, -45, -135]);
        Assert.True(m.FlipLongitude);
        Assert.Equal([3, 2, 1, 0, 13, 12, 11, 10], m.ToCanonical([0, 1, 2, 3, 10, 11, 12, 13]));
    }

    [Fact]
    public void Normalise_IsIdentity_ForACanonicalGrid()
    {
        var m = Normalise(Range(89.875, -0.25, 720), Range(-179.875, 0.25, 1440));
        Assert.True(m.IsIdentity);
        Assert.Equal((-180, 90), (m.Grid.West, m.Grid.North));
    }

    [Fact]
    public void Normalise_SnapsFloat32Coordinates_ToExactOrigin()
    {
        // MODIS CMG 0.05° centres as stored in float32.
        var lon = Range(-179.975, 0.05, 7200).Select(v => (double)(float)v).ToArray();
        var lat = Range(89.975, -0.05, 3600).Select(v => (double)(float)v).ToArray();
        var m = Normalise(lat, lon);
        Assert.Equal((-180, 90), (m.Grid.West, m.Grid.North));
        Assert.Equal(0.05, m.Grid.LongitudeResolution);
    }

    [Fact]
    public void Normalise_ShiftsRegionalLongitudesEastOf180()
    {
        var m = Normalise([10, 20], [200.5, 201.5, 202.5]);
        Assert.Equal(0, m.LongitudeRoll);
        Assert.Equal(-159.5, m.Grid.LongitudeOfColumn(0));
    }

    [Fact]
    public void Normalise_Throws_NamingFileAndLatitude_WhenLatitudeIsNotMonotonic()
    {
        var e = Assert.Throws<InvalidInputException>(() => CfGridNormaliser.Normalise([0, 1, 3, 2], [0, 1], "/g.nc", "latitude", "longitude"));
        Assert.Equal(("/g.nc", "latitude"), (e.FilePath, e.Variable));
        Assert.Contains("not strictly monotonic", e.Detail);
    }

    [Fact]
    public void Normalise_Throws_NamingLongitude_WhenLongitudeRepeats()
    {
        var e = Assert.Throws<InvalidInputException>(() => CfGridNormaliser.Normalise([0, 1], [0, 1, 1, 2], "/g.nc", "latitude", "longitude"));
        Assert.Equal("longitude", e.Variable);
    }

    [Fact]
    public void Normalise_Throws_WhenSpacingIsIrregular()
    {
        // Spacing 1, 1, 1.01: 1 % of a cell off, far beyond float32 rounding.
        var e = Assert.Throws<InvalidInputException>(() => Normalise([0, 1, 2, 3.01], [0, 1]));
        Assert.Contains("regularly spaced", e.Detail);
    }

    [Fact]
    public void Normalise_Throws_WhenLongitudesRepeatAMeridian() =>
        Assert.Contains("more than the globe", Assert.Throws<InvalidInputException>(() => Normalise([0, 1], Range(0, 90, 5))).Detail);

    [Fact]
    public void Normalise_Throws_WhenRegionalLongitudesStraddle180() =>
        Assert.Contains("straddle", Assert.Throws<InvalidInputException>(() => Normalise([0, 1], [170, 180, 190])).Detail);

    [Fact]
    public void Normalise_Throws_WhenLatitudeLeavesThePoles() =>
        Assert.Throws<InvalidInputException>(() => Normalise([80, 90, 100], [0, 1]));

    [Fact]
    public void Normalise_Throws_WhenACoordinateHasOneValue() =>
        Assert.Throws<InvalidInputException>(() => Normalise([0], [0, 1]));

    [Fact]
    public void Normalise_ReadsCoordinatesTheFinderFound()
    {
        var file = new InMemoryArrayDataset("/era5.nc")
            .AddCoordinate("latitude", [45, -45], ("units", AttributeValue.FromText("degrees_north")))
            .AddCoordinate("longitude", [0, 90, 180, 270], ("units", AttributeValue.FromText("degrees_east")))
            .AddVariable("t2m", ["latitude", "longitude"], new double[8]);
        var m = CfGridNormaliser.Normalise(file, CfCoordinateFinder.FindRequired(file, "t2m", requireTime: false));
        Assert.Equal(2, m.LongitudeRoll);
        Assert.Equal((-225, 90), (m.Grid.West, m.Grid.North));
    }
}
