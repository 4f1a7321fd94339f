using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using TamRl.Upscale.Jobs.Regions;

namespace TamRl.Upscale.Server.Api;

/// <summary>
/// The body of POST /api/reruns (schemas/rerun-request.schema.json): exactly one of "bbox" [W,S,E,N]
/// and "geojson" (a GeoJSON object), a "period", and the run to patch as "parent" or its output folder as "out".
/// </summary>
public sealed record RerunRequestBody(Geometry Region, string RegionField, Period Period, string? Parent, string? Out)
{
    public static RerunRequestBody Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw new RegionException("body", "expected a JSON object");
        var known = new HashSet<string> { "bbox", "geojson", "period", "parent", "out" };
        foreach (var p in body.EnumerateObject())
            if (!known.Contains(p.Name))
                throw new RegionException(p.Name, $"unknown field (allowed: {string.Join(", ", known)})");
        var hasBbox = body.TryGetProperty("bbox", out var bbox);
        var hasGeo = body.TryGetProperty("geojson", out var geo);
        if (hasBbox == hasGeo)
            throw new RegionException("bbox", "give exactly one of 'bbox' and 'geojson'");
        Geometry region;
        string field;
        if (hasBbox)
        {
            field = "bbox";
            if (bbox.ValueKind != JsonValueKind.Array || bbox.GetArrayLength() != 4 || bbox.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
                throw new RegionException(field, "expected an array of four numbers [W, S, E, N]");
            var v = bbox.EnumerateArray().Select(x => x.GetDouble()).ToArray();
            region = RegionParser.FromBbox(v[0], v[1], v[2], v[3], field);
        }
        else
        {
            field = "geojson";
            if (geo.ValueKind != JsonValueKind.Object)
                throw new RegionException(field, "expected a GeoJSON object");
            region = RegionParser.FromGeoJson(geo.GetRawText(), field);
        }
        if (!body.TryGetProperty("period", out var period) || period.ValueKind != JsonValueKind.String)
            throw new RegionException("period", "required: \"YYYY-MM\" or \"YYYY-MM..YYYY-MM\"");
        string? Text(string name) => body.TryGetProperty(name, out var x) && x.ValueKind == JsonValueKind.String ? x.GetString() : null;
        var parent = Text("parent");
        var outDir = Text("out");
        if (parent is null && outDir is null)
            throw new RegionException("parent", "name the run to patch ('parent') or its output folder ('out')");
        return new RerunRequestBody(region, field, Period.Parse(period.GetString()!, "period"), parent, outDir);
    }
}
