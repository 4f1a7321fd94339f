using TamRl.Upscale.IO.Cf;
using TamRl.Upscale.IO.Zarr;

namespace TamRl.Upscale.IO.Tests.Zarr;

/// <summary>
/// <see cref="ZarrV3Dataset"/> against the store zarrita.js 0.7.5 wrote (tests/fixtures/zarr/make-v3-zarrita.mjs
/// states every value asserted here).
/// </summary>
public sealed class ZarrV3DatasetZarritaTests
{
    private static readonly string Store = ZarrFixtureStores.Zarrita;

    private static double T2m(int t, int y, int x)
    {
        var i = (t * 3 + y) * 5 + x;
        return i == 28 ? double.NaN : 250 + 0.25 * i; // element [1,2,3] was written as NaN
    }

    [Fact]
    public void Open_ListsEveryArray_WithShapesTypesAndDimensionNames()
    {
        using var ds = ZarrV3Dataset.Open(Store);

        Assert.Equal(["latitude", "longitude", "mask", "ramp", "sp", "t2m", "time"], ds.Variables.Select(v => v.Name));
        var t2m = ds.GetVariable("t2m");
        Assert.Equal(["time", "latitude", "longitude"], t2m.DimensionNames);
        Assert.Equal([4L, 3, 5], t2m.Shape);
        Assert.Equal(typeof(float), t2m.StorageType);
        Assert.Equal(typeof(short), ds.GetVariable("sp").StorageType);
        Assert.Equal(typeof(long), ds.GetVariable("time").StorageType);
        Assert.Equal(typeof(byte), ds.GetVariable("mask").StorageType);
        Assert.Equal(4, ds.Dimensions["time"]);
        Assert.Equal(3, ds.Dimensions["latitude"]);
        Assert.Equal(5, ds.Dimensions["longitude"]);
        Assert.Equal(1000, ds.Dimensions["index"]);
    }

    [Fact]
    public void Attributes_MapTextNumbersAndLists_WithoutMakingFillValueAMask()
    {
        using var ds = ZarrV3Dataset.Open(Store);

        Assert.Equal("CF-1.8", ds.GlobalAttributes.GetText("Conventions"));
        Assert.True(ds.GlobalAttributes.TryGet("version", out var version));
        Assert.Equal(new long[] { 3 }, (long[])version.Numbers!);
        Assert.True(ds.GlobalAttributes.TryGet("levels", out var levels));
        Assert.Equal(new[] { 1.0, 2.5 }, (double[])levels.Numbers!);
        var t2m = ds.GetVariable("t2m").Attributes;
        Assert.Equal("K", t2m.GetText("units"));
        Assert.Equal("2 metre temperature", t2m.GetText("long_name"));
        // fill_value (NaN for t2m, 255 for mask, 0 for time) is what unwritten chunks hold, not a CF mask.
        Assert.False(t2m.Contains("_FillValue"));
        Assert.False(ds.GetVariable("mask").Attributes.Contains("_FillValue"));
        Assert.False(ds.GetVariable("time").Attributes.Contains("_FillValue"));
        Assert.Equal("days since 2020-01-01", ds.GetVariable("time").Attributes.GetText("units"));
    }

    [Fact]
    public void Attributes_KeepTheStoredFillValueAttribute_WhenThereIsOne()
    {
        using var ds = ZarrV3Dataset.Open(Store);
        var sp = ds.GetVariable("sp").Attributes;

        Assert.Single(sp, a => a.Key == "_FillValue");
        Assert.Equal([-32767.0], sp.GetDoubles("_FillValue")!);
        Assert.Equal([0.5], sp.GetDoubles("scale_factor")!);
        Assert.Equal([1000.0], sp.GetDoubles("add_offset")!);
    }

    [Fact]
    public void ReadDoubles_ReturnsGzipFloat32Values_InRowMajorOrder()
    {
        using var ds = ZarrV3Dataset.Open(Store);

        var values = ds.ReadDoubles("t2m");

        Assert.Equal(60, values.Length);
        for (var t = 0; t < 4; t++)
            for (var y = 0; y < 3; y++)
                for (var x = 0; x < 5; x++)
                    Assert.Equal(T2m(t, y, x), values[(t * 3 + y) * 5 + x]);
    }

    [Fact]
    public void ReadDoubles_ReturnsTheHyperslab_AcrossChunkBoundaries()
    {
        using var ds = ZarrV3Dataset.Open(Store);

        // time 1..2 crosses the time chunks [0,2) and [2,4); latitude 1..2 crosses [0,2) and [2,3).
        var slab = ds.ReadDoubles("t2m", [1, 1, 2], [2, 2, 3]);

        var expected = new List<double>();
        for (var t = 1; t < 3; t++)
            for (var y = 1; y < 3; y++)
                for (var x = 2; x < 5; x++)
                    expected.Add(T2m(t, y, x));
        Assert.Equal(expected, slab);
        Assert.Empty(ds.ReadDoubles("t2m", [0, 0, 0], [0, 3, 5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ds.ReadDoubles("t2m", [3, 0, 0], [2, 1, 1]));
    }

    [Fact]
    public void ReadDoubles_ReadsAMissingChunk_AsTheFillValue()
    {
        using var ds = ZarrV3Dataset.Open(Store);

        var sp = ds.ReadDoubles("sp");

        Assert.False(File.Exists(Path.Combine(Store, "sp", "c", "1", "0", "0")));
        for (var i = 0; i < 30; i++)
            Assert.Equal(i == 6 ? -32767 : i - 20, sp[i]);
        Assert.All(sp[30..], v => Assert.Equal(-32767, v));
    }

    [Fact]
    public void CfVariableDecoder_MasksTheFillValueAndUnpacks_Int16()
    {
        using var ds = ZarrV3Dataset.Open(Store);

        var sp = CfVariableDecoder.Read(ds, "sp").Values;
        var t2m = CfVariableDecoder.Read(ds, "t2m").Values;

        for (var i = 0; i < 60; i++)
            Assert.Equal(i == 6 || i >= 30 ? double.NaN : 1000 + 0.5 * (i - 20), sp[i]);
        Assert.True(double.IsNaN(t2m[28]));
        Assert.Equal(250.25, t2m[1]);
    }

    [Fact]
    public void ReadDoubles_DecodesBigEndianBytes_InAPartialLastChunk()
    {
        using var ds = ZarrV3Dataset.Open(Store);

        Assert.Equal([60, 59.75, 59.5], ds.ReadDoubles("latitude"));
        Assert.Equal([59.5], ds.ReadDoubles("latitude", [2], [1]));
    }

    [Fact]
    public void ReadDoubles_DecodesBloscInt64AndFloat64_AndTheDotChunkKeySeparator()
    {
        using var ds = ZarrV3Dataset.Open(Store);

        Assert.Equal([0, 1, 2, 31], ds.ReadDoubles("time"));
        Assert.Equal([10, 10.25, 10.5, 10.75, 11], ds.ReadDoubles("longitude"));
        Assert.True(File.Exists(Path.Combine(Store, "longitude", "c.0")));
        var ramp = ds.ReadDoubles("ramp");
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i / 8.0), ramp);
        Assert.Equal([399 / 8.0, 400 / 8.0], ds.ReadDoubles("ramp", [399], [2]));
    }

    [Fact]
    public void ReadDoubles_UndoesTheTransposeCodec()
    {
        using var ds = ZarrV3Dataset.Open(Store);

        var mask = ds.ReadDoubles("mask");

        Assert.Equal(Enumerable.Range(0, 15).Select(i => 10.0 * (i / 5) + i % 5), mask);
        Assert.Equal([12, 13, 22, 23], ds.ReadDoubles("mask", [1, 2], [2, 2]));
    }
}
