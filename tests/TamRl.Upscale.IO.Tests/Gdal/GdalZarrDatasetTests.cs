using System.Text.Json;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Gdal;

public sealed class GdalZarrDatasetTests(ZarrStoresFixture stores) : IClassFixture<ZarrStoresFixture>
{
    public static TheoryData<string> Layouts => ["v2", "v2-blosc", "v3-zstd"];

    private static double[] FlattenValues(JsonElement element) => element.ValueKind == JsonValueKind.Array
        ? element.EnumerateArray().SelectMany(FlattenValues).ToArray()
        : [element.GetDouble()];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Open_ListsArraysDimensionsAndShapes_OfConvertedEra5Store(string layout)
    {
        using var ds = GdalZarrDataset.Open(stores.Store(layout));

        Assert.Equal(["latitude", "longitude", "sp", "valid_time"], ds.Variables.Select(v => v.Name).Order());
        var sp = ds.GetVariable("sp");
        Assert.Equal(["valid_time", "latitude", "longitude"], sp.DimensionNames);
        Assert.Equal([4L, 4, 4], sp.Shape);
        Assert.Equal(typeof(float), sp.StorageType);
        Assert.Equal(typeof(long), ds.GetVariable("valid_time").StorageType);
        Assert.Equal(4, ds.Dimensions["latitude"]);
        Assert.Equal("CF-1.7", ds.GlobalAttributes.GetText("Conventions"));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ReadDoubles_EqualsTheSourceNetCdf_AndWhatGdalMdimInfoReports(string layout)
    {
        var path = stores.Store(layout);
        using var ds = GdalZarrDataset.Open(path);
        using var source = GdalZarrDataset.Open(ZarrStoresFixture.Era5File);

        var values = ds.ReadDoubles("sp");

        Assert.Equal(source.ReadDoubles("sp"), values);
        var reference = FlattenValues(JsonDocument.Parse(ExternalTool.RunOk("gdalmdiminfo", "-detailed", "-array", "sp", path))
            .RootElement.GetProperty("values"));
        Assert.Equal(64, reference.Length);
        for (var i = 0; i < reference.Length; i++)
            Assert.Equal(reference[i], values[i], 0.002); // gdalmdiminfo prints 3 decimals
        Assert.Equal([60, 59.75, 59.5, 59.25], ds.ReadDoubles("latitude"));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Attributes_IncludeUnitsAndFillValue_ThatGdalExposesAsProperties(string layout)
    {
        using var ds = GdalZarrDataset.Open(stores.Store(layout));
        var sp = ds.GetVariable("sp").Attributes;

        Assert.Equal("Pa", sp.GetText("units"));
        Assert.Equal("Surface pressure", sp.GetText("long_name"));
        Assert.Equal(134, sp.GetDoubles("GRIB_paramId")!.Single());
        Assert.True(sp.TryGet("_FillValue", out var fill));
        Assert.Equal(typeof(float), fill.ElementType);
        Assert.True(float.IsNaN(((float[])fill.Numbers!)[0]));
        Assert.Equal("seconds since 1970-01-01", ds.GetVariable("valid_time").Attributes.GetText("units"));
        Assert.Equal("proleptic_gregorian", ds.GetVariable("valid_time").Attributes.GetText("calendar"));
    }

    [Fact]
    public void Attributes_IncludeScaleFactorAddOffsetAndTypedFillValue_OfPackedStore()
    {
        using var ds = GdalZarrDataset.Open(stores.Store("packed"));
        var band = ds.GetVariable("Band1");

        Assert.Equal(typeof(short), band.StorageType);
        Assert.Equal([0.5], band.Attributes.GetDoubles("scale_factor")!);
        Assert.Equal([10.0], band.Attributes.GetDoubles("add_offset")!);
        Assert.True(band.Attributes.TryGet("_FillValue", out var fill));
        Assert.Equal(new short[] { -1 }, (short[])fill.Numbers!);
        Assert.All(ds.ReadDoubles("Band1"), v => Assert.Equal(7, v)); // raw, not unpacked
    }

    [Fact]
    public void ReadDoubles_ReturnsTheHyperslab_InRowMajorOrder()
    {
        using var ds = GdalZarrDataset.Open(stores.Store("v2-blosc"));
        var all = ds.ReadDoubles("sp");

        var slab = ds.ReadDoubles("sp", [1, 2, 0], [2, 1, 3]);

        double At(int t, int y, int x) => all[(t * 4 + y) * 4 + x];
        Assert.Equal([At(1, 2, 0), At(1, 2, 1), At(1, 2, 2), At(2, 2, 0), At(2, 2, 1), At(2, 2, 2)], slab);
        Assert.Throws<ArgumentOutOfRangeException>(() => ds.ReadDoubles("sp", [3, 0, 0], [2, 1, 1]));
    }

    [Fact]
    public void GetVariable_ThrowsInvalidInputNamingStoreAndVariable_WhenVariableIsMissing()
    {
        var path = stores.Store("v2");
        using var ds = GdalZarrDataset.Open(path);

        var e = Assert.Throws<InvalidInputException>(() => ds.ReadDoubles("t2m"));

        Assert.Equal(path, e.FilePath);
        Assert.Equal("t2m", e.Variable);
        Assert.StartsWith($"{path}: variable 't2m'", e.Message);
    }

    [Fact]
    public void Open_ThrowsGdalExceptionNamingThePath_WhenStoreIsMissing()
    {
        var path = stores.Store("does-not-exist");

        var e = Assert.Throws<GdalException>(() => GdalZarrDataset.Open(path));

        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void Open_ThrowsGdalExceptionNamingTheFile_WhenNetCdfIsTruncated()
    {
        var truncated = Path.Combine(stores.Folder, "truncated.nc");
        var bytes = File.ReadAllBytes(ZarrStoresFixture.Era5File);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<GdalException>(() => GdalZarrDataset.Open(truncated));

        Assert.Equal(truncated, e.FilePath);
        Assert.Equal(GdalErrorClass.Failure, e.ErrorClass);
    }

    [Fact]
    public void ReadDoubles_ThrowsGdalExceptionNamingStoreAndVariable_WhenAChunkIsCorrupt()
    {
        var path = Path.Combine(stores.Folder, "corrupt.zarr");
        ExternalTool.RunOk("gdalmdimtranslate", "-q", "-of", "ZARR", "-co", "ARRAY:COMPRESS=BLOSC", ZarrStoresFixture.Era5File, path);
        var chunk = Path.Combine(path, "sp", "0.0.0");
        File.WriteAllBytes(chunk, File.ReadAllBytes(chunk)[..10]);
        using var ds = GdalZarrDataset.Open(path);

        var e = Assert.Throws<GdalException>(() => ds.ReadDoubles("sp"));

        Assert.Equal(path, e.FilePath);
        Assert.Equal("sp", e.Variable);
    }

    [Fact]
    public void Open_RefusesAFinalLayoutZarrV3Store_ThatGdal36SeesAsEmpty()
    {
        // The final v3 layout (zarr.json with node_type in every node), written by hand.
        var path = Path.Combine(stores.Folder, "final-v3.zarr");
        Directory.CreateDirectory(Path.Combine(path, "a", "c", "0"));
        File.WriteAllText(Path.Combine(path, "zarr.json"), """{"zarr_format":3,"node_type":"group","attributes":{}}""");
        File.WriteAllText(Path.Combine(path, "a", "zarr.json"), """
            {"zarr_format":3,"node_type":"array","shape":[2,2],"data_type":"float64",
             "chunk_grid":{"name":"regular","configuration":{"chunk_shape":[2,2]}},
             "chunk_key_encoding":{"name":"default","configuration":{"separator":"/"}},
             "codecs":[{"name":"bytes","configuration":{"endian":"little"}}],
             "fill_value":0,"dimension_names":["y","x"],"attributes":{}}
            """);
        File.WriteAllBytes(Path.Combine(path, "a", "c", "0", "0"), [.. new double[] { 1, 2, 3, 4 }.SelectMany(BitConverter.GetBytes)]);

        var e = Assert.Throws<InvalidInputException>(() => GdalZarrDataset.Open(path));

        Assert.Equal(path, e.FilePath);
        Assert.Contains("Zarr v3", e.Message);
    }
}
