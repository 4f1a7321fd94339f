using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.IO.Zarr;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Zarr;

public class ZarrV2WriterTests
{
    [Fact]
    public void WrittenStore_ReadsBackThroughGdal_WithValuesDimensionsAndAttributes()
    {
        using var tmp = new TempDirectory();
        var path = Path.Combine(tmp.Path, "s.zarr");
        var w = new ZarrV2Writer(path, new Dictionary<string, object> { ["title"] = "t" });
        w.CreateArray<float>("t2m", ["time", "latitude", "longitude"], [3, 2, 4], [1, 2, 4], double.NaN,
            new Dictionary<string, object> { ["units"] = "K" });
        for (var t = 0; t < 3; t++)
            w.WriteChunk<float>("t2m", [t, 0, 0], Enumerable.Range(0, 8).Select(i => (float)(100 * t + i)).ToArray());
        w.CreateArray<long>("time", ["time"], [3], [3], null);
        w.WriteChunk<long>("time", [0], new long[] { 10, 11, 12 });

        using var ds = GdalZarrDataset.Open(path);
        Assert.Equal(3, ds.Dimensions["time"]);
        Assert.Equal(4, ds.Dimensions["longitude"]);
        var values = ds.ReadDoubles("t2m", [2, 1, 0], [1, 1, 4]);
        Assert.Equal([204, 205, 206, 207], values);
        Assert.Equal([10, 11, 12], ds.ReadDoubles("time"));
        Assert.Equal("K", ds.GetVariable("t2m").Attributes.GetText("units"));
    }
}
