using System.Globalization;
using System.Text.Json;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.Stac;

public sealed class StacCatalogTests(PublishedProductFixture product) : IClassFixture<PublishedProductFixture>
{
    private JsonElement Json(string relative) => JsonDocument.Parse(File.ReadAllText(product.File(relative))).RootElement;

    [Fact]
    public void Publish_WritesACatalogCollectionAndAnItemPerMonth_ListedInTheManifest()
    {
        Assert.Equal("Catalog", Json("stac/catalog.json").GetProperty("type").GetString());
        var collection = Json("stac/collection.json");
        Assert.Equal("Collection", collection.GetProperty("type").GetString());
        Assert.Equal("1.0.0", collection.GetProperty("stac_version").GetString());
        Assert.Equal("test-run", collection.GetProperty("tamrl:run_id").GetString());
        var items = collection.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "item").Select(l => l.GetProperty("href").GetString()).ToList();
        Assert.Equal(["./items/tamrl_2021-01.json", "./items/tamrl_2021-02.json"], items);
        var manifest = ProductManifest.Load(product.File("manifest.json"));
        Assert.Equal(5, manifest.Files.Count(f => f.Format == "stac"));
        Assert.Contains(manifest.Files, f => f.File.EndsWith("stac/items/tamrl_2021-02.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Item_CarriesProjRasterAndFileFields_ThatAgreeWithGdalAndTheFiles()
    {
        var item = Json("stac/items/tamrl_2021-01.json");
        var properties = item.GetProperty("properties");
        Assert.Equal(4326, properties.GetProperty("proj:epsg").GetInt32());
        Assert.Equal([18, 36], properties.GetProperty("proj:shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("2021-01-01T00:00:00Z", properties.GetProperty("start_datetime").GetString());
        Assert.Equal(JsonValueKind.Null, properties.GetProperty("datetime").ValueKind);
        var manifest = ProductManifest.Load(product.File("manifest.json")).Files;
        foreach (var (key, asset) in item.GetProperty("assets").EnumerateObject().Select(p => (p.Name, p.Value)))
        {
            var path = Path.GetFullPath(Path.Combine(product.File("stac/items"), asset.GetProperty("href").GetString()!));
            Assert.True(File.Exists(path), $"{key}: {path}");
            Assert.Equal(new FileInfo(path).Length, asset.GetProperty("file:size").GetInt64());
            var relative = Path.GetRelativePath(product.Result.PeriodFolder, path).Replace('\\', '/');
            Assert.Equal("1220" + manifest.First(f => f.File.EndsWith("/" + relative, StringComparison.Ordinal)).Sha256, asset.GetProperty("file:checksum").GetString());
            if (!asset.TryGetProperty("raster:bands", out var bands))
                continue;
            var band = bands[0];
            Assert.Equal(-9999, band.GetProperty("nodata").GetDouble());
            Assert.Equal("g m-2 d-1", band.GetProperty("unit").GetString());
            // gdalinfo computes the statistics on its own (exact, not approximate) from the COG.
            var gdalStatistics = ExternalTool.GdalInfoJson(path, "-stats").GetProperty("bands")[0].GetProperty("metadata").GetProperty("");
            double Gdal(string name) => double.Parse(gdalStatistics.GetProperty($"STATISTICS_{name.ToUpperInvariant()}").GetString()!, CultureInfo.InvariantCulture);
            var statistics = band.GetProperty("statistics");
            Assert.Equal(Gdal("minimum"), statistics.GetProperty("minimum").GetDouble(), 5);
            Assert.Equal(Gdal("maximum"), statistics.GetProperty("maximum").GetDouble(), 5);
            Assert.Equal(Gdal("mean"), statistics.GetProperty("mean").GetDouble(), 5);
            Assert.Equal(Gdal("stdDev"), statistics.GetProperty("stddev").GetDouble(), 5);
        }
        Assert.True(item.GetProperty("assets").TryGetProperty("netcdf_daily", out _));
    }

    [Fact]
    public void Items_ValidateAgainstTheProfileSchema()
    {
        foreach (var item in Directory.GetFiles(product.File("stac/items"), "*.json"))
            ExternalTool.RunOk("python3", "-c",
                "import json,sys,jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))",
                Path.Combine(RepoPaths.Root, "schemas", "stac-item.profile.schema.json"), item);
    }

    [Fact]
    public void Gdal_StacitDriver_MosaicsTheItemsOfOneVariable()
    {
        // GDAL 3.6's STACIT resolves relative hrefs against the working directory, not the document: open it from stac/.
        var text = ExternalTool.RunOk("sh", "-c", "cd \"$1\" && gdalinfo -json 'STACIT:\"item_collection.json\":asset=gpp'", "sh", product.File("stac"));
        var info = JsonDocument.Parse(text).RootElement;

        Assert.Equal([36, 18], info.GetProperty("size").EnumerateArray().Select(e => e.GetInt32()));
        // The items cover the same globe, one after the other: the mosaic shows the last item's COG (GDAL drops the hidden one).
        Assert.Contains(info.GetProperty("files").EnumerateArray(), f => f.GetString()!.EndsWith("gpp_2021-02.tif", StringComparison.Ordinal));
        string Value(string dataset) => ExternalTool.RunOk("sh", "-c", "cd \"$1\" && gdallocationinfo -valonly \"$2\" 20 4", "sh", product.File("stac"), dataset).Trim();
        Assert.Equal(Value(product.File("cog/gpp_2021-02.tif")), Value("STACIT:\"item_collection.json\":asset=gpp"));
    }
}
