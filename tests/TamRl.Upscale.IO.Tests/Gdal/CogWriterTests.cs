using System.Globalization;
using System.Text.Json;
using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Gdal;

public sealed class CogWriterTests : IDisposable
{
    private const double Resolution = 0.25; // 1440 x 720: larger than a 512 tile, so overviews are made
    private const float NoData = -9999f;

    private readonly TempDirectory _dir = new("tamrl-cog");

    public void Dispose() => _dir.Dispose();

    private static FloatRaster SampleRaster()
    {
        var (width, height) = GeoTransform.GlobalGridSize(Resolution);
        var gpp = new float[width * height];
        var reco = new float[width * height];
        for (var row = 0; row < height; row++)
            for (var col = 0; col < width; col++)
            {
                var i = row * width + col;
                // Nodata on a block of "ocean" in the south-west, so masked cells exist in every product.
                var ocean = row > 600 && col < 300;
                gpp[i] = ocean ? NoData : (float)(5 + 3 * Math.Sin(col * 0.01) * Math.Cos(row * 0.02) + row * 1e-3);
                reco[i] = ocean ? NoData : (float)(2 + 0.5 * Math.Cos(col * 0.03) + col * 1e-4);
            }
        return new FloatRaster(width, height, GeoTransform.ForGlobalGrid(Resolution), NoData,
        [
            new FloatBand(gpp) { Description = "GPP", Unit = "g m-2 d-1", Metadata = new Dictionary<string, string> { ["long_name"] = "gross primary productivity of carbon" } },
            new FloatBand(reco) { Description = "RECO", Unit = "g m-2 d-1", Scale = 0.5, Offset = 1.5 },
        ])
        {
            Metadata = new Dictionary<string, string> { ["TAMRL_MODEL"] = "tam-rl 0.1" },
        };
    }

    private string WriteSample(out FloatRaster raster)
    {
        raster = SampleRaster();
        var path = _dir.File("gpp.tif");
        CogWriter.Write(path, raster);
        return path;
    }

    [Fact]
    public void Write_ProducesCogLayout_WithDeflateFloatingPointPredictorAndOverviews()
    {
        var info = ExternalTool.GdalInfoJson(WriteSample(out _));

        Assert.Equal("GTiff", info.GetProperty("driverShortName").GetString());
        var structure = info.GetProperty("metadata").GetProperty("IMAGE_STRUCTURE");
        Assert.Equal("COG", structure.GetProperty("LAYOUT").GetString());
        Assert.Equal("DEFLATE", structure.GetProperty("COMPRESSION").GetString());
        Assert.Equal("3", structure.GetProperty("PREDICTOR").GetString());
        foreach (var band in info.GetProperty("bands").EnumerateArray())
        {
            Assert.Equal("Float32", band.GetProperty("type").GetString());
            Assert.Equal([512, 512], band.GetProperty("block").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal([720, 360], band.GetProperty("overviews")[0].GetProperty("size").EnumerateArray().Select(e => e.GetInt32()));
        }
    }

    [Fact]
    public void Write_SetsOriginAtGridCorner_ForGlobalGrid()
    {
        var info = ExternalTool.GdalInfoJson(WriteSample(out _));

        Assert.Equal([-180, Resolution, 0, 90, 0, -Resolution], info.GetProperty("geoTransform").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal("Area", info.GetProperty("metadata").GetProperty("").GetProperty("AREA_OR_POINT").GetString());
        Assert.Contains("ID[\"EPSG\",4326]", info.GetProperty("coordinateSystem").GetProperty("wkt").GetString());
        Assert.Equal([1440, 720], info.GetProperty("size").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void Write_StoresNoDataDescriptionUnitScaleAndOffset_OnEveryBand()
    {
        var info = ExternalTool.GdalInfoJson(WriteSample(out var raster));
        var bands = info.GetProperty("bands").EnumerateArray().ToArray();

        Assert.Equal(2, bands.Length);
        for (var i = 0; i < bands.Length; i++)
        {
            Assert.Equal(NoData, bands[i].GetProperty("noDataValue").GetDouble());
            Assert.Equal(raster.Bands[i].Description, bands[i].GetProperty("description").GetString());
            Assert.Equal(raster.Bands[i].Unit, bands[i].GetProperty("unit").GetString());
        }
        // gdalinfo lists scale/offset only when they differ from 1/0; band 1 sets none.
        Assert.False(bands[0].TryGetProperty("scale", out _));
        Assert.Equal(0.5, bands[1].GetProperty("scale").GetDouble());
        Assert.Equal(1.5, bands[1].GetProperty("offset").GetDouble());
        Assert.Equal("gross primary productivity of carbon", bands[0].GetProperty("metadata").GetProperty("").GetProperty("long_name").GetString());
        Assert.Equal("tam-rl 0.1", info.GetProperty("metadata").GetProperty("").GetProperty("TAMRL_MODEL").GetString());
    }

    [Fact]
    public void Write_ValuesReadBackEqual_ThroughGdalAndGdalLocationInfo()
    {
        var path = WriteSample(out var raster);

        using var back = GdalRaster.Open(path);
        for (var b = 0; b < 2; b++)
            Assert.Equal(raster.Bands[b].Values.Select(v => (double)v), back.ReadBand(b + 1));
        var probe = ExternalTool.RunOk("gdallocationinfo", "-valonly", "-b", "2", path, "1000", "100").Trim();
        Assert.Equal(raster.Bands[1].Values[100 * 1440 + 1000], float.Parse(probe, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Write_BuildsOverviewsByAveraging_NotByCubicResampling()
    {
        var path = WriteSample(out var raster);
        var overview = _dir.File("overview0.tif");
        ExternalTool.RunOk("gdal_translate", "-q", "-ovr", "0", "-b", "1", path, overview);

        using var level0 = GdalRaster.Open(overview);
        var values = level0.ReadBand(1);
        var src = raster.Bands[0].Values;
        // Overview cell (100, 50) covers source cells (200..201, 100..101).
        var expected = (src[100 * 1440 + 200] + src[100 * 1440 + 201] + src[101 * 1440 + 200] + src[101 * 1440 + 201]) / 4.0;
        Assert.Equal(expected, values[50 * 720 + 100], 4);
    }

    [Fact]
    public void Write_LeavesNoFile_WhenGdalRejectsAnOption()
    {
        var path = _dir.File("bad.tif");
        // JPEG cannot hold float32 samples: GDAL fails half-way through the copy.
        var options = new CogWriteOptions { ExtraCreationOptions = new Dictionary<string, string> { ["COMPRESS"] = "JPEG" } };

        var e = Assert.Throws<GdalException>(() => CogWriter.Write(path, SampleRaster(), options));

        Assert.Equal(path, e.FilePath);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Write_KeepsTheExistingProduct_WhenANewWriteFails()
    {
        var path = _dir.File("product.tif");
        File.WriteAllText(path, "previous product");
        var options = new CogWriteOptions { ExtraCreationOptions = new Dictionary<string, string> { ["COMPRESS"] = "JPEG" } };

        Assert.Throws<GdalException>(() => CogWriter.Write(path, SampleRaster(), options));

        Assert.Equal("previous product", File.ReadAllText(path));
        Assert.Single(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Write_ThrowsGdalExceptionNamingThePath_WhenTargetFolderDoesNotExist()
    {
        var path = Path.Combine(_dir.Path, "missing-folder", "gpp.tif");

        var e = Assert.Throws<GdalException>(() => CogWriter.Write(path, SampleRaster()));

        Assert.Equal(path, e.FilePath);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Write_ReplacesAnExistingProduct_AndLeavesNoTemporaryFiles()
    {
        var path = _dir.File("product.tif");
        File.WriteAllText(path, "previous product");

        CogWriter.Write(path, SampleRaster());

        Assert.Equal(["product.tif"], Directory.EnumerateFileSystemEntries(_dir.Path).Select(Path.GetFileName));
        using var back = GdalRaster.Open(path);
        Assert.Equal(2, back.BandCount);
    }

    [Fact]
    public void FloatRaster_RejectsBands_WhoseLengthDoesNotMatchTheSize()
    {
        Assert.Throws<ArgumentException>(() => new FloatRaster(4, 2, GeoTransform.FromCorner(0, 0, 1, 1), NoData, [new FloatBand(new float[7])]));
    }
}
