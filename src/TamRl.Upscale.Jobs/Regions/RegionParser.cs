using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Valid;
using TamRl.Upscale.Core.Grid;

namespace TamRl.Upscale.Jobs.Regions;

/// <summary>
/// Turns a rerun's region (a bbox "W,S,E,N" or GeoJSON) into a validated lon/lat geometry, refusing with
/// a clear message: coordinates out of range, an invalid polygon (with NetTopologySuite's reason and
/// location), a region that crosses the antimeridian (RFC 7946 §3.1.9: split it in two).
/// </summary>
public static class RegionParser
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>A box "W,S,E,N" as Core's <see cref="BoundingBox.Parse"/> reads it, as a polygon.</summary>
    public static Geometry FromBbox(string text, string field = "--bbox") =>
        ToGeometry(RegionException.Of(() => BoundingBox.Parse(text, field)));

    public static Geometry FromBbox(double west, double south, double east, double north, string field = "bbox") =>
        ToGeometry(RegionException.Of(() => new BoundingBox(west, south, east, north, field)));

    private static Geometry ToGeometry(BoundingBox box) => Factory.ToGeometry(new Envelope(box.West, box.East, box.South, box.North));

    /// <summary>Reads a GeoJSON geometry, Feature or FeatureCollection (polygons and multipolygons) from a file.</summary>
    public static Geometry FromGeoJsonFile(string path)
    {
        if (!File.Exists(path))
            throw new RegionException(path, "GeoJSON file not found");
        return FromGeoJson(File.ReadAllText(path), path);
    }

    public static Geometry FromGeoJson(string json, string field = "geojson")
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory(Factory));
        Geometry geometry;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var type = doc.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
            geometry = type switch
            {
                "Feature" => JsonSerializer.Deserialize<NetTopologySuite.Features.IFeature>(json, options)?.Geometry,
                "FeatureCollection" => Union(JsonSerializer.Deserialize<NetTopologySuite.Features.FeatureCollection>(json, options)),
                "Polygon" or "MultiPolygon" => JsonSerializer.Deserialize<Geometry>(json, options),
                null => throw new RegionException(field, "no \"type\": expected a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection"),
                _ => throw new RegionException(field, $"type '{type}' is not an area: expected Polygon, MultiPolygon, Feature or FeatureCollection"),
            } ?? throw new RegionException(field, "no geometry");
        }
        catch (JsonException e)
        {
            throw new RegionException(field, $"not valid GeoJSON: {e.Message}");
        }
        return Validate(geometry, field);
    }

    private static Geometry? Union(NetTopologySuite.Features.FeatureCollection? features)
    {
        if (features is null || features.Count == 0)
            return null;
        return Factory.BuildGeometry(features.Select(f => f.Geometry));
    }

    /// <summary>Range, antimeridian and validity checks of a lon/lat area.</summary>
    public static Geometry Validate(Geometry geometry, string field)
    {
        if (geometry.IsEmpty)
            throw new RegionException(field, "the region is empty");
        if (geometry is not (Polygon or MultiPolygon or GeometryCollection))
            throw new RegionException(field, $"a {geometry.GeometryType} is not an area: expected Polygon or MultiPolygon");
        for (var i = 0; i < geometry.NumGeometries; i++)
            if (geometry.GetGeometryN(i) is not (Polygon or MultiPolygon))
                throw new RegionException(field, $"part {i} is a {geometry.GetGeometryN(i).GeometryType}: expected polygons only");
        foreach (var c in geometry.Coordinates)
        {
            CheckLon(c.X, field);
            CheckLat(c.Y, field);
        }
        CheckAntimeridian(geometry, field);
        var validity = new IsValidOp(geometry).ValidationError;
        if (validity is not null)
            throw new RegionException(field, $"invalid polygon: {validity.Message} at ({validity.Coordinate?.X.ToString(CultureInfo.InvariantCulture)}, {validity.Coordinate?.Y.ToString(CultureInfo.InvariantCulture)})");
        return geometry;
    }

    // A ring edge that jumps more than 180° of longitude is the short way across the antimeridian
    // written in [-180, 180] coordinates; in lon/lat it would be drawn the long way round the globe.
    private static void CheckAntimeridian(Geometry geometry, string field)
    {
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            var part = geometry.GetGeometryN(i);
            var coordinates = part.Coordinates;
            for (var k = 1; k < coordinates.Length; k++)
                if (Math.Abs(coordinates[k].X - coordinates[k - 1].X) > 180)
                    throw new RegionException(field,
                        $"the region crosses the antimeridian (edge from lon {coordinates[k - 1].X} to {coordinates[k].X}); split it at 180° into two polygons (RFC 7946 §3.1.9)");
        }
    }

    private static void CheckLon(double lon, string field) => RegionException.Of(() => { BoundingBox.CheckLongitude(lon, field); return 0; });

    private static void CheckLat(double lat, string field) => RegionException.Of(() => { BoundingBox.CheckLatitude(lat, field); return 0; });
}
