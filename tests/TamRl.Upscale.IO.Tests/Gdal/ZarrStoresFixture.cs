using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Gdal;

/// <summary>
/// Zarr stores made once per test class by GDAL's own tools from a real ERA5 file: v2 uncompressed,
/// v2 with blosc, and v3 (GDAL 3.6's draft layout) with zstd; plus a small packed (scale/offset) store.
/// </summary>
public sealed class ZarrStoresFixture : IDisposable
{
    public static readonly string Era5File = RepoPaths.RealData("era5", "new-cds-era5", "era5_surface_pressure_2020-1.nc");

    private readonly TempDirectory _dir = new("tamrl-zarr");

    public ZarrStoresFixture()
    {
        // The ERA5 file's string array "expver" is dropped by the Zarr driver with an error message,
        // but the tool still succeeds and writes every numeric array.
        ExternalTool.RunOk("gdalmdimtranslate", "-q", "-of", "ZARR", Era5File, Store("v2"));
        ExternalTool.RunOk("gdalmdimtranslate", "-q", "-of", "ZARR", "-co", "ARRAY:COMPRESS=BLOSC", Era5File, Store("v2-blosc"));
        ExternalTool.RunOk("gdalmdimtranslate", "-q", "-of", "ZARR", "-co", "FORMAT=ZARR_V3", "-co", "ARRAY:COMPRESS=ZSTD", Era5File, Store("v3-zstd"));

        // Int16 values 7, stored with scale 0.5, offset 10 and nodata -1.
        var tif = _dir.File("packed.tif");
        var nc = _dir.File("packed.nc");
        ExternalTool.RunOk("gdal_create", "-of", "GTiff", "-outsize", "6", "4", "-bands", "1", "-ot", "Int16", "-burn", "7", "-a_srs", "EPSG:4326", "-a_ullr", "0", "4", "6", "0", tif);
        ExternalTool.RunOk("gdal_translate", "-q", "-of", "netCDF", "-a_scale", "0.5", "-a_offset", "10", "-a_nodata", "-1", tif, nc);
        ExternalTool.RunOk("gdalmdimtranslate", "-q", "-of", "ZARR", nc, Store("packed"));
    }

    /// <summary>The path of a store made by the constructor (or a fresh name inside the fixture folder).</summary>
    public string Store(string name) => _dir.File(name + ".zarr");

    public string Folder => _dir.Path;

    public void Dispose() => _dir.Dispose();
}
