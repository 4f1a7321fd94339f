using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.IO.Tests.Gdal;
using TamRl.Upscale.IO.Zarr;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Zarr;

/// <summary><see cref="ZarrStore"/> tells GDAL-written v2 and draft v3 stores from zarrita's final v3 and opens each with its reader.</summary>
public sealed class ZarrStoreTests(ZarrStoresFixture stores) : IClassFixture<ZarrStoresFixture>
{
    [Theory]
    [InlineData("v2", ZarrLayout.V2)]
    [InlineData("v2-blosc", ZarrLayout.V2)]
    [InlineData("v3-zstd", ZarrLayout.V3Draft)]
    [InlineData("does-not-exist", ZarrLayout.None)]
    public void DetectLayout_TellsGdalWrittenStores(string name, ZarrLayout layout) =>
        Assert.Equal(layout, ZarrStore.DetectLayout(stores.Store(name)));

    [Fact]
    public void DetectLayout_TellsTheFinalV3Layout_AndAPlainFolder()
    {
        Assert.Equal(ZarrLayout.V3, ZarrStore.DetectLayout(ZarrFixtureStores.Zarrita));
        Assert.Equal(ZarrLayout.None, ZarrStore.DetectLayout(stores.Folder));
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v3-zstd")]
    public void Open_UsesGdal_ForV2AndDraftV3(string name)
    {
        using var ds = ZarrStore.Open(stores.Store(name));

        Assert.IsType<GdalZarrDataset>(ds);
        Assert.Equal([60, 59.75, 59.5, 59.25], ds.ReadDoubles("latitude"));
    }

    [Fact]
    public void Open_UsesZarrV3Dataset_ForTheZarritaStore()
    {
        using var ds = ZarrStore.Open(ZarrFixtureStores.Zarrita);

        Assert.IsType<ZarrV3Dataset>(ds);
        Assert.Equal([60, 59.75, 59.5], ds.ReadDoubles("latitude"));
    }

    [Fact]
    public void Open_ThrowsTypedErrorsNamingThePath_ForAMissingFolderAndANonZarrFolder()
    {
        var missing = stores.Store("nowhere");
        Assert.Equal(missing, Assert.Throws<DataFileException>(() => ZarrStore.Open(missing)).FilePath);
        var e = Assert.Throws<InvalidInputException>(() => ZarrStore.Open(stores.Folder));
        Assert.Equal(stores.Folder, e.FilePath);
        Assert.Contains("not a Zarr store", e.Message);
    }
}
