using TamRl.Upscale.IO.Gdal;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Gdal;

public sealed class CogStreamWriterTests : IDisposable
{
    private const double Resolution = 0.25; // 1440 x 720: larger than a tile, so overviews are made
    private const float NoData = -9999f;

    private readonly TempDirectory _dir = new("tamrl-cogstream");

    public void Dispose() => _dir.Dispose();

    private static float[] Values(int width, int height)
    {
        var values = new float[width * height];
        for (var row = 0; row < height; row++)
            for (var col = 0; col < width; col++)
                values[row * width + col] = row > 600 && col < 300 ? NoData : (float)(5 + 3 * Math.Sin(col * 0.01) * Math.Cos(row * 0.02) + row * 1e-3);
        return values;
    }

    private static readonly FloatBandDescription Band = new()
    {
        Description = "gpp", Unit = "g m-2 d-1", Scale = 1, Offset = 0,
        Metadata = new Dictionary<string, string> { ["long_name"] = "gross primary productivity of carbon", ["period"] = "2021-01" },
    };

    private static readonly Dictionary<string, string> DatasetMetadata = new() { ["TIFFTAG_IMAGEDESCRIPTION"] = "test map", ["run_id"] = "r1" };

    /// <summary>Writes the values as latitude bands of <paramref name="bandRows"/> rows, left and right halves apart.</summary>
    private static void WriteInBlocks(string path, float[] values, int width, int height, int bandRows)
    {
        using var writer = CogStreamWriter.Create(path, width, height, GeoTransform.ForGlobalGrid(Resolution), NoData, Band, DatasetMetadata);
        for (var y = 0; y < height; y += bandRows)
        {
            var rows = Math.Min(bandRows, height - y);
            foreach (var (x, w) in new[] { (0, width / 2), (width / 2, width - width / 2) })
            {
                var block = new float[rows * w];
                for (var r = 0; r < rows; r++)
                    values.AsSpan((y + r) * width + x, w).CopyTo(block.AsSpan(r * w, w));
                writer.WriteBlock(x, y, w, rows, block);
            }
        }
        writer.Complete();
    }

    [Fact]
    public void Complete_WritesTheSameFileAsCogWriter_FromTheWholeRasterInMemory()
    {
        var (width, height) = GeoTransform.GlobalGridSize(Resolution);
        var values = Values(width, height);
        var streamed = _dir.File("streamed.tif");
        WriteInBlocks(streamed, values, width, height, bandRows: 100);
        var whole = _dir.File("whole.tif");
        CogWriter.Write(whole, new FloatRaster(width, height, GeoTransform.ForGlobalGrid(Resolution), NoData,
            [new FloatBand(values) { Description = Band.Description, Unit = Band.Unit, Scale = Band.Scale, Offset = Band.Offset, Metadata = Band.Metadata }])
        { Metadata = DatasetMetadata });

        Assert.Equal(ExternalTool.RunOk("gdalinfo", "-json", "-stats", whole).Replace(whole, "F").Replace("whole", "F"),
            ExternalTool.RunOk("gdalinfo", "-json", "-stats", streamed).Replace(streamed, "F").Replace("streamed", "F"));
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(streamed));
        var info = ExternalTool.GdalInfoJson(streamed);
        Assert.Equal("COG", info.GetProperty("metadata").GetProperty("IMAGE_STRUCTURE").GetProperty("LAYOUT").GetString());
    }

    [Fact]
    public void Complete_LeavesOnlyTheCog_AndBlocksNeverWrittenReadAsNoData()
    {
        var path = _dir.File("partial.tif");
        using (var writer = CogStreamWriter.Create(path, 400, 200, GeoTransform.FromCorner(-180, 90, 0.9, 0.9), NoData, Band))
        {
            writer.WriteBlock(0, 0, 2, 1, [1.5f, 2.5f]);
            writer.Complete();
        }
        Assert.Equal(new[] { "partial.tif" }, Directory.GetFiles(_dir.Path).Select(f => Path.GetFileName(f)).ToArray());
        Assert.Equal("2.5", ExternalTool.RunOk("gdallocationinfo", "-valonly", path, "1", "0").Trim());
        Assert.Equal("-9999", ExternalTool.RunOk("gdallocationinfo", "-valonly", path, "300", "150").Trim());
    }

    [Fact]
    public void Dispose_WithoutComplete_LeavesNothing_AndKeepsAnExistingProduct()
    {
        var path = _dir.File("kept.tif");
        File.WriteAllText(path, "previous product");
        using (var writer = CogStreamWriter.Create(path, 300, 100, GeoTransform.FromCorner(-180, 90, 1.2, 1.2), NoData, Band))
            writer.WriteBlock(0, 0, 1, 1, [3f]);
        Assert.Equal(new[] { "kept.tif" }, Directory.GetFiles(_dir.Path).Select(f => Path.GetFileName(f)).ToArray());
        Assert.Equal("previous product", File.ReadAllText(path));
    }

    [Fact]
    public void WriteBlock_RejectsABlockOutsideTheRaster_OrOfTheWrongLength()
    {
        using var writer = CogStreamWriter.Create(_dir.File("x.tif"), 10, 10, GeoTransform.FromCorner(0, 10, 1, 1), NoData, Band);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteBlock(8, 0, 3, 1, new float[3]));
        Assert.Throws<ArgumentException>(() => writer.WriteBlock(0, 0, 2, 2, new float[3]));
    }

    [Fact]
    public void Create_ThrowsGdalExceptionNamingThePath_WhenTheFolderDoesNotExist()
    {
        var path = Path.Combine(_dir.Path, "missing", "x.tif");
        var error = Assert.Throws<GdalException>(() => CogStreamWriter.Create(path, 10, 10, GeoTransform.FromCorner(0, 10, 1, 1), NoData, Band));
        Assert.Contains(path, error.Message);
    }
}
