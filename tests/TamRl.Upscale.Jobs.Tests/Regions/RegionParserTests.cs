using TamRl.Upscale.Jobs.Regions;

namespace TamRl.Upscale.Jobs.Tests.Regions;

public class RegionParserTests
{
    [Fact]
    public void A_bbox_becomes_a_lon_lat_rectangle()
    {
        var g = RegionParser.FromBbox("10,40,20,50");
        Assert.Equal((10.0, 20.0, 40.0, 50.0), (g.EnvelopeInternal.MinX, g.EnvelopeInternal.MaxX, g.EnvelopeInternal.MinY, g.EnvelopeInternal.MaxY));
        Assert.Equal(100, g.Area, 6);
    }

    [Theory]
    [InlineData("10,40,20", "expected four numbers")]
    [InlineData("10,forty,20,50", "'forty' is not a number")]
    [InlineData("10,40,200,50", "longitude 200 is out of range")]
    [InlineData("10,-95,20,50", "latitude -95 is out of range")]
    [InlineData("170,40,-170,50", "crosses the antimeridian")]
    [InlineData("10,50,20,40", "empty box")]
    public void A_bad_bbox_is_refused_naming_the_option_and_the_problem(string bbox, string expected)
    {
        var e = Assert.Throws<RegionException>(() => RegionParser.FromBbox(bbox));
        Assert.StartsWith("--bbox: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_self_intersecting_polygon_is_refused_with_the_reason_and_where()
    {
        const string bowtie = """{"type":"Polygon","coordinates":[[[0,0],[10,10],[10,0],[0,10],[0,0]]]}""";
        var e = Assert.Throws<RegionException>(() => RegionParser.FromGeoJson(bowtie, "area.geojson"));
        Assert.Contains("area.geojson: invalid polygon: Self-intersection at (5, 5)", e.Message);
    }

    [Fact]
    public void A_polygon_written_across_the_antimeridian_is_refused()
    {
        const string crossing = """{"type":"Polygon","coordinates":[[[170,0],[-170,0],[-170,10],[170,10],[170,0]]]}""";
        var e = Assert.Throws<RegionException>(() => RegionParser.FromGeoJson(crossing));
        Assert.Contains("crosses the antimeridian", e.Message);
        Assert.Contains("split it at 180°", e.Message);
    }

    [Fact]
    public void Coordinates_out_of_range_in_geojson_are_refused()
    {
        const string far = """{"type":"Polygon","coordinates":[[[0,0],[190,0],[190,10],[0,10],[0,0]]]}""";
        Assert.Contains("longitude 190 is out of range", Assert.Throws<RegionException>(() => RegionParser.FromGeoJson(far)).Message);
    }

    [Fact]
    public void A_feature_collection_is_read_as_the_union_of_its_polygons_and_points_are_refused()
    {
        const string fc = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[5,5],[6,5],[6,6],[5,6],[5,5]]]}}]}
            """;
        Assert.Equal(2, RegionParser.FromGeoJson(fc).Area, 6);
        var e = Assert.Throws<RegionException>(() => RegionParser.FromGeoJson("""{"type":"Point","coordinates":[1,2]}"""));
        Assert.Contains("type 'Point' is not an area", e.Message);
        Assert.Contains("not valid GeoJSON", Assert.Throws<RegionException>(() => RegionParser.FromGeoJson("{\"type\":\"Polygon\",")).Message);
    }

    [Fact]
    public void A_feature_and_a_multipolygon_are_read_as_areas()
    {
        const string feature = """{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}}""";
        Assert.Equal(4, RegionParser.FromGeoJson(feature).Area, 6);
        const string multi = """{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],[[[170,0],[180,0],[180,1],[170,1],[170,0]]]]}""";
        Assert.Equal(11, RegionParser.FromGeoJson(multi).Area, 6); // an area split at 180° is accepted
    }

    [Theory]
    [InlineData("2024-03", "2024-03", "2024-03")]
    [InlineData("2023-11..2024-02", "2023-11", "2024-02")]
    public void Periods_are_one_month_or_a_range(string text, string from, string to) =>
        Assert.Equal(new Period(from, to), Period.Parse(text));

    [Theory]
    [InlineData("2024-13", "expected YYYY-MM")]
    [InlineData("2024-05..2024-01", "ends (2024-01) before it starts (2024-05)")]
    [InlineData("March", "expected YYYY-MM")]
    public void Bad_periods_are_refused(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<RegionException>(() => Period.Parse(text)).Message);
}
