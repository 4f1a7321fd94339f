using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Core.Tests.Grid;

public class BoundingBoxTests
{
    [Fact]
    public void Parse_ReadsWestSouthEastNorth_AndToStringWritesItBack()
    {
        var box = BoundingBox.Parse(" -10, 36.5 ,30,60", "--bbox");

        Assert.Equal((-10, 36.5, 30, 60), (box.West, box.South, box.East, box.North));
        Assert.Equal(box, BoundingBox.Parse(box.ToString(), "--bbox"));
        Assert.Equal(BoundingBox.Globe, new BoundingBox(-180, -90, 180, 90));
    }

    [Theory]
    [InlineData("10,40,20", "expected four numbers W,S,E,N")]
    [InlineData("10,forty,20,50", "'forty' is not a number")]
    [InlineData("10,NaN,20,50", "'NaN' is not a number")]
    [InlineData("10,40,200,50", "longitude 200 is out of range [-180, 180]")]
    [InlineData("10,-95,20,50", "latitude -95 is out of range [-90, 90]")]
    [InlineData("170,40,-170,50", "crosses the antimeridian")]
    [InlineData("10,50,20,40", "empty box")]
    [InlineData("10,40,10,50", "empty box")]
    public void Parse_RefusesWhatIsNotABox_NamingTheField(string text, string expected)
    {
        var e = Assert.Throws<InvalidValueException>(() => BoundingBox.Parse(text, "sampleWorld.bbox"));

        Assert.Equal("sampleWorld.bbox", e.Field);
        Assert.StartsWith("sampleWorld.bbox: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Ctor_NamesTheField_WhenTheNumbersAreNoBox()
    {
        var e = Assert.Throws<InvalidValueException>(() => new BoundingBox(0, 10, 5, 10, "ingest.grid.bbox"));

        Assert.StartsWith("ingest.grid.bbox: empty box", e.Message);
    }
}
