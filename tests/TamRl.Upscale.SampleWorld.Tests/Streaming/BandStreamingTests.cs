using System.Security.Cryptography;
using System.Text.Json;
using TamRl.Upscale.Core.Grid;
using TamRl.Upscale.SampleWorld.Streaming;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.SampleWorld.Tests.Streaming;

[Collection(TinyWorldCollection.Name)]
public class BandStreamingTests(TinyWorld world)
{
    [Fact]
    public void OutputDoesNotDependOnTheBandSize()
    {
        // The shared tiny world is one band (10 x 10 cells); this one is generated in bands of 3 rows (3, 3, 3, 1),
        // which also write parts of chunks. Every file must hold the same values (ncdump prints them all).
        using var tmp = new TempDirectory();
        var banded = Path.Combine(tmp.Path, "banded");
        var report = SampleWorldGenerator.Generate(TinyWorld.Options(banded) with { BandCells = 30 });

        var files = Directory.EnumerateFiles(world.Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(world.Root, f)).Where(p => p != "manifest.json").OrderBy(p => p, StringComparer.Ordinal).ToList();
        Assert.Equal(files, Directory.EnumerateFiles(banded, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(banded, f)).Where(p => p != "manifest.json").OrderBy(p => p, StringComparer.Ordinal).ToList());
        Assert.Contains(files, f => f.StartsWith("truth", StringComparison.Ordinal));
        foreach (var file in files)
        {
            string a = Path.Combine(world.Root, file), b = Path.Combine(banded, file);
            if (file.EndsWith(".nc", StringComparison.Ordinal))
                Assert.True(WithoutFirstLine(ExternalTool.RunOk("ncdump", "-s", a)) == WithoutFirstLine(ExternalTool.RunOk("ncdump", "-s", b)),
                    $"{file}: ncdump differs between one band and bands of 3 rows");
            else
                Assert.True(SHA256.HashData(File.ReadAllBytes(a)).SequenceEqual(SHA256.HashData(File.ReadAllBytes(b))), $"{file}: bytes differ");
        }
        Assert.Equal(world.Report.GppPgPerYear, report.GppPgPerYear);
        Assert.Equal(world.Report.NeePgPerYear, report.NeePgPerYear);
        using var m1 = JsonDocument.Parse(File.ReadAllText(Path.Combine(world.Root, "manifest.json")));
        using var m2 = JsonDocument.Parse(File.ReadAllText(Path.Combine(banded, "manifest.json")));
        Assert.Equal(m1.RootElement.GetProperty("calibration").ToString(), m2.RootElement.GetProperty("calibration").ToString());
    }

    private static string WithoutFirstLine(string text) => text[(text.IndexOf('\n') + 1)..];

    [Theory]
    [InlineData(2.0, 16384, 90, 90)]     // the demo grid: one chunk and one band
    [InlineData(1.0, 16384, 45, 45)]     // 360 columns: 45-row chunks, bands of one chunk
    [InlineData(0.5, 16384, 22, 22)]
    [InlineData(0.25, 16384, 11, 11)]
    [InlineData(0.25, 50000, 11, 33)]    // a band is a whole number of chunks
    [InlineData(0.25, 3000, 11, 2)]      // smaller than a chunk: whole rows still
    public void Plan_ChunksByTheGridAlone_AndBandsByWholeChunks(double resolution, int bandCells, int chunkRows, int bandRows)
    {
        var grid = new RegularLatLonGrid((int)(180 / resolution), (int)(360 / resolution), -180, 90, resolution, resolution);
        var plan = new BandPlan(grid, bandCells);
        Assert.Equal(chunkRows, plan.ChunkRows);
        Assert.Equal(bandRows, plan.BandRows);
        Assert.Equal(grid.Rows, plan.Bands.Sum(b => b.Rows));
        Assert.All(plan.Bands.Zip(plan.Bands.Skip(1)), p => Assert.Equal(p.First.RowStart + p.First.Rows, p.Second.RowStart));
        Assert.True(plan.Bands.Max(b => b.Rows) * grid.Columns <= Math.Max(bandCells, grid.Columns) || bandRows == 1);
    }

    [Fact]
    public void Files_AreChunkedInWholeRows_OfTheGridsChunkPlan()
    {
        var header = Ncdump.Header(world.File("truth", "truth_2019.nc"), special: true);
        Assert.Contains("gpp:_ChunkSizes = 1, 10, 10", header);
        Assert.Contains("sur_refl_b01:_ChunkSizes = 1, 10, 10", Ncdump.Header(world.File("modis", "modis_2019.nc"), special: true));
        Assert.Contains("elevation:_ChunkSizes = 10, 10", Ncdump.Header(world.File("static", "geography.nc"), special: true));
    }
}
