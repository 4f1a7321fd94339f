using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;
using TamRl.Upscale.Products.Checks;
using TamRl.Upscale.Products.Inference;
using TamRl.Upscale.Products.Publishing;
using TamRl.Upscale.Products.Tests.Publishing;
using TamRl.Upscale.Products.Tests.Doubles;
using TamRl.Upscale.Products.Writers;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Products.Tests.Writers;

/// <summary>
/// The daily Zarr store of a published period (10-degree world, 2021-01-01..2021-02-28: 59 days x 18 x 36 cells, chunks
/// 32 x 18 x 36), opened by two readers that share no code with the writer: xarray/zarr-python (Debian's python3-xarray,
/// python3-zarr, python3-netcdf4, installed by scripts/setup-products.sh) and GDAL's Zarr driver.
/// </summary>
public sealed class DailyZarrTests(PublishedProductFixture product) : IClassFixture<PublishedProductFixture>, IDisposable
{
    private const string Store = "zarr/tamrl_daily_2021-01-01_2021-02-28.zarr";
    private readonly TempDirectory _dir = new("tamrl-zarr");

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// xarray opens the store with open_zarr (consolidated metadata, CF decoding) and every variable of each month's daily
    /// NetCDF, opened with open_dataset (CF decoding too), equals the store's days of that month; units, names, the fill
    /// and the chunks are xarray's view of them. /usr/bin/python3: Debian's interpreter, whose packages hold xarray.
    /// </summary>
    [Fact]
    public void Publish_WritesADailyZarr_ThatXarrayOpensEqualToTheDailyNetCdf()
    {
        const string script = """
            import sys, numpy as np, xarray as xr
            store, ncs = sys.argv[1], sys.argv[2:]
            z = xr.open_zarr(store, consolidated=True, chunks=None)
            assert z.time.dtype.kind == 'M', z.time.dtype
            assert z.sizes['time'] == 59 and z.sizes['lat'] == 18 and z.sizes['lon'] == 36, dict(z.sizes)
            assert z.gpp.encoding['_FillValue'] == -9999, z.gpp.encoding
            assert tuple(z.gpp.encoding['chunks']) == (32, 18, 36), z.gpp.encoding['chunks']
            assert z.gpp.encoding['compressor'].codec_id == 'zlib'
            compared = 0
            for nc in ncs:
                d = xr.open_dataset(nc)
                zs = z.sel(time=d.time)
                assert (zs.time.values == d.time.values).all()
                for v in ['gpp', 'reco', 'nee', 'gpp_uncertainty', 'reco_uncertainty', 'nee_uncertainty', 'land_fraction', 'lat', 'lon', 'time_bnds']:
                    a, b = zs[v].values, d[v].values
                    assert a.shape == b.shape and a.dtype == b.dtype, (v, a.shape, b.shape, a.dtype, b.dtype)
                    assert np.array_equal(a, b, equal_nan=(a.dtype.kind == 'f')), v
                    for k in ['units', 'long_name', 'standard_name', 'cell_methods', 'grid_mapping', 'axis', 'calendar']:
                        assert zs[v].attrs.get(k) == d[v].attrs.get(k), (v, k, zs[v].attrs.get(k), d[v].attrs.get(k))
                    compared += a.size
                assert np.isnan(zs.gpp.values).any() and np.isfinite(zs.gpp.values).any()
                assert z.attrs['Conventions'] == d.attrs['Conventions'] and z.attrs['run_id'] == d.attrs['run_id']
            print('compared', compared)
            """;
        var ncs = new[] { "2021-01", "2021-02" }.Select(m => product.File($"netcdf/tamrl_daily_{m}.nc"));
        var output = ExternalTool.RunOk("/usr/bin/python3", ["-c", script, product.File(Store), .. ncs]);

        // 6 fluxes x 59 days x 648 cells, land fraction, lat, lon and the time bounds, for both months.
        Assert.Equal($"compared {6 * 59 * 648 + 2 * 648 + 2 * 18 + 2 * 36 + 59 * 2}", output.Trim());
    }

    /// <summary>GDAL's Zarr driver lists the store (gdalmdiminfo) and reads a land cell's value, which the NetCDF (through GDAL's netCDF driver) holds too.</summary>
    [Fact]
    public void Publish_WritesADailyZarr_ThatGdalsZarrDriverReadsLikeTheNetCdf()
    {
        var info = JsonDocument.Parse(ExternalTool.RunOk("gdalmdiminfo", product.File(Store))).RootElement;
        var gpp = info.GetProperty("arrays").GetProperty("gpp");
        Assert.Equal(["time", "lat", "lon"], gpp.GetProperty("dimensions").EnumerateArray().Select(d => d.GetString()!.TrimStart('/')).ToArray());
        Assert.Equal(-9999, gpp.GetProperty("nodata_value").GetDouble());
        Assert.Equal("g m-2 d-1", gpp.GetProperty("unit").GetString());
        Assert.Equal([32, 18, 36], gpp.GetProperty("block_size").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Equal("gross_primary_productivity_of_biomass_expressed_as_carbon", gpp.GetProperty("attributes").GetProperty("standard_name").GetString());

        // 2021-02-10 is day 40 of the store and band 10 of February's file; a land cell, found by ncdump.
        var february = product.File("netcdf/tamrl_daily_2021-02.nc");
        var land = Array.FindIndex(Ncdump.Values(february, "land_fraction"), f => f > 0);
        var (x, y) = ((land % 36).ToString(CultureInfo.InvariantCulture), (land / 36).ToString(CultureInfo.InvariantCulture));
        var fromZarr = ExternalTool.RunOk("gdallocationinfo", "-valonly", $"ZARR:\"{product.File(Store)}\":/gpp:40", x, y).Trim();
        var fromNetCdf = ExternalTool.RunOk("gdallocationinfo", "-valonly", "-b", "10", $"NETCDF:\"{february}\":gpp", x, y).Trim();
        Assert.NotEqual("-9999", fromNetCdf);
        Assert.Equal(fromNetCdf, fromZarr);
    }

    [Fact]
    public void Publish_ListsEveryFileOfTheStoreInTheManifest_WithItsChecksum_AndChecksItAgainstTheNetCdf()
    {
        var manifest = ProductManifest.Load(Path.Combine(product.Out, "products", "manifest.json"));
        var listed = manifest.Files.Where(f => f.Format == "zarr").ToDictionary(f => f.File);
        var files = Directory.EnumerateFiles(product.File(Store), "*", SearchOption.AllDirectories).ToList();

        Assert.Equal(files.Count, listed.Count);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(Path.Combine(product.Out, "products"), file);
            Assert.Equal(Core.Files.FileHash.Sha256(file), listed[relative].Sha256);
        }
        Assert.Contains(listed.Keys, k => k.EndsWith(".zarr/.zmetadata", StringComparison.Ordinal));
        Assert.Equal("gpp", listed.Single(k => k.Key.EndsWith(".zarr/gpp/1.0.0", StringComparison.Ordinal)).Value.Variable);
        Assert.True(product.Result.Checks!.Checks.Single(c => c.Name == "zarr_equals_netcdf").Passed);
        // The STAC collection points at the store.
        var collection = JsonDocument.Parse(File.ReadAllText(product.File("stac/collection.json"))).RootElement;
        var href = collection.GetProperty("assets").GetProperty("zarr_daily").GetProperty("href").GetString()!;
        Assert.True(File.Exists(Path.Combine(product.File("stac"), href, ".zmetadata")), href);
    }

    [Fact]
    public void Check_FailsZarrEqualsNetCdf_WhenAChunkOfTheStoreWasAltered()
    {
        var runDir = _dir.File("run");
        var run = TestRuns.Inferred(runDir);
        var folder = _dir.File("staged");
        ProductAssembler.Assemble(runDir, folder, quicklooks: false);
        // February's 10th is day 40 of the period: the second time chunk (days 32..58), its 9th step.
        var chunk = Path.Combine(folder, Store, "gpp", "1.0.0");
        var values = MemoryMarshal.Cast<byte, float>(Inflate(chunk)).ToArray();
        var cell = Array.FindIndex(values, 8 * 648, 648, v => v != ProductFill.Value) - 8 * 648; // step 8: a land cell
        var (row, column) = (cell / 36, cell % 36);
        var index = 8 * 648 + cell;
        values[index] += 0.5f;
        using (var file = File.Create(chunk))
        using (var z = new ZLibStream(file, CompressionLevel.Fastest))
            z.Write(MemoryMarshal.AsBytes(values.AsSpan()));

        var report = ProductChecker.Check(folder, run, RunDescription.LoadLandFraction(runDir), TestChecks.Lenient);

        var check = report.Checks.Single(c => c.Name == "zarr_equals_netcdf");
        Assert.False(report.Passed);
        Assert.Equal(1, check.FailureCount);
        var failure = check.Failures[0];
        Assert.Equal((Store, "gpp", row, column, "2021-02-10"), (failure.File, failure.Variable, failure.Row, failure.Column, failure.Step));
        Assert.Equal(values[index], failure.Value, 1e-6);
        Assert.True(report.Checks.Where(c => c.Name != "zarr_equals_netcdf").All(c => c.Passed), report.Summary());
    }

    [Fact]
    public void Publish_PublishesNothing_WhenTheStagedStoreDiffersFromTheNetCdf()
    {
        var runDir = _dir.File("run");
        TestRuns.Inferred(runDir);
        var outDir = _dir.File("out");
        var options = new PublishOptions
        {
            Checks = TestChecks.Lenient,
            Quicklooks = false,
            // Between assembly and the checks: one value of the staged store changed, as a faulty writer or disk would.
            OnStep = step =>
            {
                if (step != PublishStep.Assembled)
                    return;
                var staged = Directory.GetDirectories(Path.Combine(outDir, "products", ".staging")).Single();
                var chunk = Path.Combine(staged, Store, "reco", "0.0.0");
                var values = MemoryMarshal.Cast<byte, float>(Inflate(chunk)).ToArray();
                values[Array.FindIndex(values, v => v != ProductFill.Value)] *= 1.01f;
                using var file = File.Create(chunk);
                using var z = new ZLibStream(file, CompressionLevel.Fastest);
                z.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            },
        };

        var e = Assert.Throws<ProductCheckFailedException>(() => ProductPublisher.Publish(runDir, outDir, options));

        Assert.Contains("zarr_equals_netcdf", e.Message);
        Assert.Empty(ProductPublisher.PublishedPeriods(outDir));
        Assert.Empty(PublishedState.StagingLeftovers(outDir));
    }

    [Fact]
    public void Check_FailsZarrEqualsNetCdf_WhenAChunkIsMissing()
    {
        var runDir = _dir.File("run");
        var run = TestRuns.Inferred(runDir);
        var folder = _dir.File("staged");
        ProductAssembler.Assemble(runDir, folder, quicklooks: false);
        File.Delete(Path.Combine(folder, Store, "nee", "0.0.0")); // reads as the fill: every land value of January is lost

        var report = ProductChecker.Check(folder, run, RunDescription.LoadLandFraction(runDir), TestChecks.Lenient);

        var check = report.Checks.Single(c => c.Name == "zarr_equals_netcdf");
        Assert.False(check.Passed);
        Assert.All(check.Failures, f => Assert.Equal("nee", f.Variable));
        Assert.Equal(-9999, check.Failures[0].Value);
    }

    private static byte[] Inflate(string path)
    {
        using var input = new ZLibStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
