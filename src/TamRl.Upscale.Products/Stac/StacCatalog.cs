using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.IO.Files;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.Products.Writers;

namespace TamRl.Upscale.Products.Stac;

/// <summary>
/// A static STAC 1.0 catalogue of one published period, under <c>stac/</c> of the period folder (issue 18):
/// <c>catalog.json</c> -> <c>collection.json</c> -> one item per month (<c>items/tamrl_YYYY-MM.json</c>: the month's COGs
/// and daily NetCDF) and per complete year (<c>items/tamrl_YYYY.json</c>: the annual COGs and the monthly NetCDF), and
/// <c>item_collection.json</c>, every item in one GeoJSON FeatureCollection, which GDAL's STACIT driver mosaics per asset
/// (<c>gdalinfo STACIT:"item_collection.json":asset=gpp</c>). Extensions: proj (EPSG, shape, transform), raster (nodata,
/// unit, data type, scale, offset, statistics of each COG read back through GDAL a block at a time) and file (size, sha256
/// as a multihash). The run's provenance goes into the collection and every item as <c>tamrl:*</c> properties.
/// Hrefs are relative, so the folder can be moved (staging to version folder) whole.
/// </summary>
public static class StacCatalog
{
    public const string Version = "1.0.0";
    public const string CollectionId = "tamrl-upscale";

    public static readonly string[] Extensions =
    [
        "https://stac-extensions.github.io/projection/v1.1.0/schema.json",
        "https://stac-extensions.github.io/raster/v1.1.0/schema.json",
        "https://stac-extensions.github.io/file/v2.1.0/schema.json",
    ];

    private const string CogType = "image/tiff; application=geotiff; profile=cloud-optimized";
    private const string NetCdfType = "application/x-netcdf";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The files written, relative to the period folder (catalog, collection, items, item collection).</summary>
    /// <param name="checksums">sha256 of the products' files by path relative to the folder ('/' separated): the manifest's, not hashed again.</param>
    public static IReadOnlyList<string> Write(string folder, RegularLatLonGrid grid, DatePeriod period, IReadOnlyList<DatePeriod> months, IReadOnlyList<int> completeYears,
        Provenance provenance, IReadOnlyDictionary<string, string> checksums)
    {
        var bbox = new JsonArray(grid.West, grid.South, grid.East, grid.North);
        var items = new List<(string Relative, JsonObject Item)>();
        foreach (var month in months)
            items.Add(($"stac/items/tamrl_{month.First:yyyy-MM}.json", Item(folder, grid, $"tamrl_{month.First:yyyy-MM}", month, provenance,
                FluxVariables.Fluxes.Select(v => (v.Name, ProductLayout.MonthlyCog(v, month), $"{v.LongName}, monthly mean")).ToList(),
                ("netcdf_daily", ProductLayout.Daily(month), "daily CF NetCDF of the month (all fluxes and spreads)"), checksums)));
        foreach (var year in completeYears)
            items.Add(($"stac/items/tamrl_{year:D4}.json", Item(folder, grid, $"tamrl_{year:D4}", DatePeriod.Year(year), provenance,
                FluxVariables.Fluxes.Select(v => (v.Name, ProductLayout.AnnualCog(v, year), $"{v.LongName}, annual mean")).ToList(),
                ("netcdf_monthly", ProductLayout.Monthly(period), "monthly CF NetCDF of the period (all fluxes and spreads)"), checksums)));

        var catalog = new JsonObject
        {
            ["type"] = "Catalog", ["stac_version"] = Version, ["id"] = $"tamrl-{period.Key}",
            ["description"] = $"TamRl.Upscale carbon flux products, {period}",
            ["links"] = new JsonArray(Link("root", "./catalog.json"), Link("self", "./catalog.json"), Link("child", "./collection.json")),
        };
        var collection = new JsonObject
        {
            ["type"] = "Collection", ["stac_version"] = Version, ["stac_extensions"] = new JsonArray(Extensions.Select(e => (JsonNode)e).ToArray()),
            ["id"] = CollectionId, ["title"] = "TamRl.Upscale GPP, RECO and NEE",
            ["description"] = "Daily, monthly and annual gross primary productivity, ecosystem respiration and net ecosystem exchange of carbon " +
                              "(g m-2 d-1, NEE = RECO - GPP, positive upward) upscaled from eddy-covariance towers with TAM-RL.",
            ["license"] = "proprietary",
            ["extent"] = new JsonObject
            {
                ["spatial"] = new JsonObject { ["bbox"] = new JsonArray(bbox.DeepClone()) },
                ["temporal"] = new JsonObject { ["interval"] = new JsonArray(new JsonArray(Start(period), End(period))) },
            },
            ["summaries"] = new JsonObject { ["proj:epsg"] = new JsonArray(4326) },
            // The whole period's daily cube as a collection-level asset, as Pangeo's Zarr collections publish theirs.
            ["assets"] = new JsonObject
            {
                ["zarr_daily"] = new JsonObject
                {
                    ["href"] = "../" + ProductLayout.DailyZarr(period).Replace('\\', '/'), ["type"] = "application/vnd+zarr",
                    ["title"] = "daily GPP, RECO, NEE and spreads of the period, one consolidated Zarr v2 store (xarray.open_zarr)",
                    ["roles"] = new JsonArray("data", "zarr"),
                },
            },
            ["links"] = new JsonArray([Link("root", "./catalog.json"), Link("parent", "./catalog.json"), Link("self", "./collection.json"),
                .. items.Select(i => Link("item", "./" + i.Relative["stac/".Length..]))]),
        };
        Provenance(collection, provenance);

        var written = new List<string> { "stac/catalog.json", "stac/collection.json" };
        Directory.CreateDirectory(Path.Combine(folder, "stac", "items"));
        AtomicFile.WriteAllText(Path.Combine(folder, "stac", "catalog.json"), catalog.ToJsonString(Indented));
        AtomicFile.WriteAllText(Path.Combine(folder, "stac", "collection.json"), collection.ToJsonString(Indented));
        foreach (var (relative, item) in items)
        {
            AtomicFile.WriteAllText(Path.Combine(folder, relative), item.ToJsonString(Indented));
            written.Add(relative);
        }
        // The same items with hrefs relative to stac/ (a FeatureCollection, what STAC API searches return and STACIT reads).
        var features = new JsonArray(items.Select(i => (JsonNode)Rebased(i.Item, "items/")).ToArray());
        AtomicFile.WriteAllText(Path.Combine(folder, "stac", "item_collection.json"),
            new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString(Indented));
        written.Add("stac/item_collection.json");
        return written;
    }

    private static JsonObject Item(string folder, RegularLatLonGrid grid, string id, DatePeriod days, Provenance provenance,
        IReadOnlyList<(string Key, string Relative, string Title)> cogs, (string Key, string Relative, string Title) netcdf, IReadOnlyDictionary<string, string> checksums)
    {
        var (w, s, e, n) = (grid.West, grid.South, grid.East, grid.North);
        var properties = new JsonObject
        {
            ["datetime"] = null, ["start_datetime"] = Start(days), ["end_datetime"] = End(days),
            ["proj:epsg"] = 4326,
            ["proj:shape"] = new JsonArray(grid.Rows, grid.Columns),
            ["proj:transform"] = new JsonArray(grid.LongitudeResolution, 0.0, w, 0.0, -grid.LatitudeResolution, n),
        };
        Provenance(properties, provenance);
        var assets = new JsonObject();
        foreach (var (key, relative, title) in cogs)
        {
            var asset = Asset(folder, relative, CogType, title, "data", checksums);
            asset["raster:bands"] = new JsonArray(Band(Path.Combine(folder, relative)));
            assets[key] = asset;
        }
        assets[netcdf.Key] = Asset(folder, netcdf.Relative, NetCdfType, netcdf.Title, "data", checksums);
        return new JsonObject
        {
            ["type"] = "Feature", ["stac_version"] = Version, ["stac_extensions"] = new JsonArray(Extensions.Select(x => (JsonNode)x).ToArray()),
            ["id"] = id, ["collection"] = CollectionId,
            ["bbox"] = new JsonArray(w, s, e, n),
            ["geometry"] = new JsonObject
            {
                ["type"] = "Polygon",
                ["coordinates"] = new JsonArray(new JsonArray(new JsonArray(w, s), new JsonArray(e, s), new JsonArray(e, n), new JsonArray(w, n), new JsonArray(w, s))),
            },
            ["properties"] = properties,
            ["links"] = new JsonArray(Link("root", "../catalog.json"), Link("parent", "../collection.json"), Link("collection", "../collection.json"),
                Link("self", $"./{id}.json")),
            ["assets"] = assets,
        };
    }

    /// <summary>An asset with the file extension's size and checksum (a multihash: 0x12 sha2-256, 0x20 bytes, the digest).</summary>
    private static JsonObject Asset(string folder, string relative, string type, string title, string role, IReadOnlyDictionary<string, string> checksums)
    {
        var path = Path.Combine(folder, relative);
        return new JsonObject
        {
            ["href"] = "../../" + relative.Replace('\\', '/'), ["type"] = type, ["title"] = title, ["roles"] = new JsonArray(role),
            ["file:size"] = new FileInfo(path).Length,
            ["file:checksum"] = "1220" + (checksums.TryGetValue(relative.Replace('\\', '/'), out var sha) ? sha : Core.Files.FileHash.Sha256(path)),
        };
    }

    /// <summary>The raster extension's band: nodata, unit, type, scale, offset and the statistics of the valid pixels, read through GDAL a block at a time.</summary>
    private static JsonObject Band(string cog)
    {
        using var raster = GdalRaster.Open(cog);
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, squares = 0;
        long count = 0;
        var rows = Math.Min(raster.Height, ProductBlocks.MaxRows);
        var values = new double[rows * raster.Width];
        for (var y = 0; y < raster.Height; y += rows)
        {
            var h = Math.Min(rows, raster.Height - y);
            var span = values.AsSpan(0, h * raster.Width);
            raster.ReadBandWindow(1, 0, y, raster.Width, h, span);
            foreach (var v in span)
            {
                if (v == ProductFill.Value || double.IsNaN(v))
                    continue;
                (min, max, sum, squares, count) = (Math.Min(min, v), Math.Max(max, v), sum + v, squares + v * v, count + 1);
            }
        }
        var mean = count > 0 ? sum / count : 0;
        var band = new JsonObject
        {
            ["nodata"] = (double)ProductFill.Value, ["data_type"] = "float32", ["unit"] = FluxVariable.Units, ["scale"] = 1.0, ["offset"] = 0.0,
            ["spatial_resolution"] = raster.GeoTransform is { } t ? Math.Abs(t.PixelWidth) * 111_195 : null,
        };
        if (count > 0)
            band["statistics"] = new JsonObject
            {
                ["minimum"] = min, ["maximum"] = max, ["mean"] = mean, ["stddev"] = Math.Sqrt(Math.Max(squares / count - mean * mean, 0)),
                ["valid_percent"] = 100.0 * count / ((long)raster.Width * raster.Height),
            };
        return band;
    }

    /// <summary>The run's provenance as tamrl:* fields.</summary>
    private static void Provenance(JsonObject target, Provenance provenance)
    {
        target["tamrl:run_id"] = provenance.RunId;
        target["tamrl:model_identity"] = provenance.Model;
        target["tamrl:code_version"] = provenance.CodeVersion;
        target["tamrl:input_manifest_sha256"] = provenance.InputManifestText;
        foreach (var (key, value) in provenance.ModelAttributes.OrderBy(p => p.Key, StringComparer.Ordinal))
            target[$"tamrl:model_{key}"] = value;
        target["created"] = provenance.Created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }

    /// <summary>A copy of an item whose relative hrefs (links and assets) are taken from <paramref name="prefix"/> (its folder seen from stac/).</summary>
    private static JsonObject Rebased(JsonObject item, string prefix)
    {
        var copy = (JsonObject)item.DeepClone();
        foreach (var link in copy["links"]!.AsArray())
            link!["href"] = Rebase(link["href"]!.GetValue<string>(), prefix);
        foreach (var (_, asset) in copy["assets"]!.AsObject())
            asset!["href"] = Rebase(asset["href"]!.GetValue<string>(), prefix);
        return copy;
    }

    private static string Rebase(string href, string prefix) =>
        href.StartsWith("../", StringComparison.Ordinal) ? href[3..] : prefix + (href.StartsWith("./", StringComparison.Ordinal) ? href[2..] : href);

    private static JsonObject Link(string rel, string href) => new() { ["rel"] = rel, ["href"] = href, ["type"] = "application/json" };

    private static string Start(DatePeriod p) => p.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    private static string End(DatePeriod p) => p.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T23:59:59Z";
}
