using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Cf;

public class CfCoordinateFinderTests
{
    private static (string, AttributeValue) T(string name, string text) => (name, AttributeValue.FromText(text));

    /// <summary>New-CDS ERA5 layout: valid_time, latitude, longitude, identified by units only.</summary>
    private static InMemoryArrayDataset Era5Like() =>
        new InMemoryArrayDataset("/era5/t2m.nc")
            .AddCoordinate("valid_time", [0, 3600], T("units", "seconds since 1970-01-01"))
            .AddCoordinate("latitude", [90, 89.75, 89.5], T("units", "degrees_north"))
            .AddCoordinate("longitude", [0, 0.25, 0.5, 0.75], T("units", "degrees_east"))
            .AddVariable("t2m", ["valid_time", "latitude", "longitude"], new double[24]);

    [Fact]
    public void Find_IdentifiesEra5Axes_ByUnits()
    {
        var c = CfCoordinateFinder.FindRequired(Era5Like(), "t2m");
        Assert.Equal(("valid_time", 0), (c.Time!.DimensionName, c.Time.DimensionIndex));
        Assert.Equal(("latitude", 1, 3L), (c.Latitude!.DimensionName, c.Latitude.DimensionIndex, c.Latitude.Length));
        Assert.Equal(("longitude", 2), (c.Longitude!.DimensionName, c.Longitude.DimensionIndex));
        Assert.Contains("degrees_north", c.Latitude.IdentifiedBy);
        c.RequireLatitudeLongitudeLast();
    }

    [Fact]
    public void Find_IdentifiesAxes_ByAxisAndStandardName_WhateverTheNames()
    {
        var file = new InMemoryArrayDataset()
            .AddCoordinate("t", [0, 1], T("axis", "T"))
            .AddCoordinate("foo", [-10, 10], T("standard_name", "latitude"))
            .AddCoordinate("bar", [1, 2, 3], T("axis", "X"), T("units", "degrees"))
            .AddVariable("gpp", ["t", "foo", "bar"], new double[12]);
        var c = CfCoordinateFinder.FindRequired(file, "gpp");
        Assert.Equal(("t", "foo", "bar"), (c.Time!.DimensionName, c.Latitude!.DimensionName, c.Longitude!.DimensionName));
    }

    [Theory]
    [InlineData("degree_north")]
    [InlineData("degree_N")]
    [InlineData("degrees_N")]
    [InlineData("degreeN")]
    [InlineData("degreesN")]
    public void Classify_RecognisesEveryUdunitsSpellingOfDegreesNorth(string units)
    {
        var info = new ArrayVariableInfo("y", ["y"], [2], typeof(double), new AttributeSet([new("units", AttributeValue.FromText(units))]));
        Assert.Equal(CfAxisKind.Latitude, CfCoordinateFinder.Classify(info, "f.nc")!.Value.Kind);
    }

    [Fact]
    public void Classify_IgnoresNames_WhenAttributesSayNothing()
    {
        var info = new ArrayVariableInfo("lat", ["lat"], [2], typeof(double), AttributeSet.Empty);
        Assert.Null(CfCoordinateFinder.Classify(info, "f.nc"));
    }

    [Fact]
    public void Classify_DoesNotTakeAProjectedYInMetresForLatitude()
    {
        var info = new ArrayVariableInfo("y", ["y"], [2], typeof(double), new AttributeSet([new("axis", AttributeValue.FromText("Y")), new("units", AttributeValue.FromText("m"))]));
        Assert.Null(CfCoordinateFinder.Classify(info, "f.nc"));
    }

    [Fact]
    public void Classify_Throws_WhenAttributesContradict()
    {
        // A known defect of some products: longitude values labelled as latitude.
        var info = new ArrayVariableInfo("lon", ["lon"], [2], typeof(double),
            new AttributeSet([new("standard_name", AttributeValue.FromText("latitude")), new("units", AttributeValue.FromText("degrees_east"))]));
        var e = Assert.Throws<InvalidInputException>(() => CfCoordinateFinder.Classify(info, "/p.nc"));
        Assert.Equal(("/p.nc", "lon"), (e.FilePath, e.Variable));
    }

    [Fact]
    public void FindRequired_Throws_NamingWhatIsMissing_WhenTimeIsAbsent()
    {
        var file = new InMemoryArrayDataset("/static.nc")
            .AddCoordinate("lat", [0, 1], T("units", "degrees_north"))
            .AddCoordinate("lon", [0, 1], T("units", "degrees_east"))
            .AddVariable("lsm", ["lat", "lon"], new double[4]);
        var e = Assert.Throws<InvalidInputException>(() => CfCoordinateFinder.FindRequired(file, "lsm"));
        Assert.Equal(("/static.nc", "lsm"), (e.FilePath, e.Variable));
        Assert.Contains("expected a time dimension", e.Detail);
        Assert.NotNull(CfCoordinateFinder.FindRequired(file, "lsm", requireTime: false).Longitude);
    }

    [Fact]
    public void Find_Throws_WhenTwoDimensionsLookLikeLatitude()
    {
        var file = new InMemoryArrayDataset()
            .AddCoordinate("a", [0, 1], T("units", "degrees_north"))
            .AddCoordinate("b", [0, 1], T("axis", "Y"))
            .AddVariable("v", ["a", "b"], new double[4]);
        Assert.Contains("two dimensions", Assert.Throws<InvalidInputException>(() => CfCoordinateFinder.Find(file, "v")).Detail);
    }

    [Fact]
    public void RequireLatitudeLongitudeLast_Throws_WhenLongitudeComesFirst()
    {
        var file = new InMemoryArrayDataset()
            .AddCoordinate("lon", [0, 1], T("units", "degrees_east"))
            .AddCoordinate("lat", [0, 1, 2], T("units", "degrees_north"))
            .AddVariable("v", ["lon", "lat"], new double[6]);
        var c = CfCoordinateFinder.FindRequired(file, "v", requireTime: false);
        Assert.Throws<InvalidInputException>(c.RequireLatitudeLongitudeLast);
    }

    [Fact]
    public void Find_Throws_WhenDataVariableIsMissing() =>
        Assert.Equal("t2m", Assert.Throws<InvalidInputException>(() => CfCoordinateFinder.Find(new InMemoryArrayDataset(), "t2m")).Variable);
}
