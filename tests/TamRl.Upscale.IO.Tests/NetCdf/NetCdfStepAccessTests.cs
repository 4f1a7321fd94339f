using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.NetCdf;

public class NetCdfStepAccessTests
{
    private const int Steps = 7, Rows = 2, Cols = 3;

    private static string CreateCube(TempDirectory dir, long[]? chunks)
    {
        var path = dir.File("steps.nc");
        using var nc = NetCdfFile.Create(path);
        nc.AddDimension("time", 0);
        nc.AddDimension("y", Rows);
        nc.AddDimension("x", Cols);
        nc.AddVariable("v", NcType.Float, ["time", "y", "x"], new NcVariableOptions { ChunkSizes = chunks, DeflateLevel = chunks is null ? 0 : 1 });
        return path;
    }

    private static float[] Step(int t) => Enumerable.Range(0, Rows * Cols).Select(i => t * 100f + i).ToArray();

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3, 4, 5, 6 }, false)]
    [InlineData(new[] { 4, 1, 0, 6, 2, 5, 3 }, false)]
    [InlineData(new[] { 0, 1, 2, 3, 4, 5, 6 }, true)]
    [InlineData(new[] { 4, 1, 0, 6, 2, 5, 3 }, true)]
    public void StepWriter_WritesEveryStepOnce_InAnyOrder_WithChunkRowsOfThree(int[] order, bool cacheSmallerThanAChunk)
    {
        using var dir = new TempDirectory();
        var path = CreateCube(dir, [3, Rows, Cols]);
        using (var nc = NetCdfFile.Open(path, writable: true))
        {
            // Whatever the cache, the writer collects a row of three steps and writes each chunk whole, once.
            if (cacheSmallerThanAChunk)
                nc.SetChunkCache("v", 16, 1);
            using var writer = nc.StepWriter<float>("v");
            foreach (var t in order)
                writer.Write(t, Step(t));
            Assert.Equal(3, writer.RowSteps);
        }

        var expected = Enumerable.Range(0, Steps).SelectMany(Step).Select(v => (double)v);
        Assert.Equal(expected, Ncdump.Values(path, "v"));
    }

    [Fact]
    public void StepReader_ReturnsEachStep_ForChunkedAndContiguousVariables()
    {
        using var dir = new TempDirectory();
        foreach (var chunks in new[] { new long[] { 3, Rows, Cols }, null })
        {
            var path = CreateCube(dir, chunks);
            using (var nc = NetCdfFile.Open(path, writable: true))
                nc.Write<float>("v", [0, 0, 0], [Steps, Rows, Cols], Enumerable.Range(0, Steps).SelectMany(Step).ToArray());

            using var back = NetCdfFile.Open(path);
            using var reader = back.StepReader<float>("v");
            foreach (var t in new[] { 6, 0, 3, 4 })
                Assert.Equal(Step(t), reader.Read(t).ToArray());
            Assert.Throws<ArgumentOutOfRangeException>(() => reader.Read(Steps));
            File.Delete(path);
        }
    }

    [Fact]
    public void StepReader_ReadsOneStepAtATime_WhenTheChunkCacheHoldsARow_AndWholeRowsWhenItDoesNot()
    {
        using var dir = new TempDirectory();
        var path = CreateCube(dir, [3, Rows, Cols]);
        using (var nc = NetCdfFile.Open(path, writable: true))
            nc.Write<float>("v", [0, 0, 0], [Steps, Rows, Cols], Enumerable.Range(0, Steps).SelectMany(Step).ToArray());

        // netCDF-C's default cache (megabytes) holds this row of one 3 x 2 x 3 chunk many times over.
        using (var roomy = NetCdfFile.Open(path))
        {
            Assert.True(roomy.ChunkCacheHoldsRow("v"));
            Assert.Equal(1, NetCdfStepReader<float>.RowStepsToBuffer(roomy, "v"));
            using var reader = roomy.StepReader<float>("v");
            foreach (var t in new[] { 5, 0, 2, 6 })
                Assert.Equal(Step(t), reader.Read(t).ToArray());
        }

        // A cache smaller than one chunk: steps alone would decompress the chunk once per step.
        using (var tight = NetCdfFile.Open(path))
        {
            tight.SetChunkCache("v", 16, 1);
            Assert.False(tight.ChunkCacheHoldsRow("v"));
            Assert.Equal(3, NetCdfStepReader<float>.RowStepsToBuffer(tight, "v"));
            using var reader = tight.StepReader<float>("v");
            foreach (var t in new[] { 5, 0, 2, 6 })
                Assert.Equal(Step(t), reader.Read(t).ToArray());
        }
    }

    /// <summary>
    /// Chunks that divide no dimension (partial edge chunks), a row left incomplete and then completed (a step written
    /// after its row was flushed merges into the stored chunk), and a deflated variable beside a plain one in the same
    /// file: ncdump reads back exactly what was written.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void StepWriter_WritesEdgeChunksAndLateSteps_AsNcdumpReadsThem(int deflate)
    {
        const int steps = 10, rows = 7, cols = 5;
        using var dir = new TempDirectory();
        var path = dir.File("edges.nc");
        float Value(int t, int i) => t * 100f + i + 0.5f;
        using (var nc = NetCdfFile.Create(path))
        {
            nc.AddDimension("time", steps);
            nc.AddDimension("y", rows);
            nc.AddDimension("x", cols);
            nc.AddVariable("v", NcType.Float, ["time", "y", "x"],
                new NcVariableOptions { ChunkSizes = [4, 3, 2], DeflateLevel = deflate, Shuffle = deflate > 0 });
            nc.AddVariable("w", NcType.Float, ["time", "y", "x"], new NcVariableOptions { ChunkSizes = [3, 7, 5] });
            using var writer = nc.StepWriter<float>("v");
            using var other = nc.StepWriter<float>("w");
            // Step 2 comes after its row (0-3) was flushed by step 4; step 9 alone closes the file's last, short row.
            foreach (var t in new[] { 0, 1, 3, 4, 5, 6, 7, 8, 2, 9 })
            {
                var values = Enumerable.Range(0, rows * cols).Select(i => Value(t, i)).ToArray();
                writer.Write(t, values);
                other.Write(t, values.Select(v => -v).ToArray());
            }
        }

        var expected = Enumerable.Range(0, steps).SelectMany(t => Enumerable.Range(0, rows * cols).Select(i => (double)Value(t, i))).ToArray();
        Assert.Equal(expected, Ncdump.Values(path, "v"));
        Assert.Equal(expected.Select(v => -v), Ncdump.Values(path, "w"));
    }

    [Fact]
    public void StepWriter_RefusesAStepOfTheWrongSize_NamingTheVariable()
    {
        using var dir = new TempDirectory();
        var path = CreateCube(dir, [3, Rows, Cols]);
        using var nc = NetCdfFile.Open(path, writable: true);
        using var writer = nc.StepWriter<float>("v");

        var e = Assert.Throws<ArgumentException>(() => writer.Write(0, new float[5]));
        Assert.Contains("variable 'v'", e.Message);
    }

    [Fact]
    public void StepWriter_RefusesAStepPastAFixedFirstDimension_WhenItIsWritten()
    {
        using var dir = new TempDirectory();
        var path = dir.File("fixed.nc");
        using var nc = NetCdfFile.Create(path);
        nc.AddDimension("time", 5);
        nc.AddDimension("y", Rows);
        nc.AddDimension("x", Cols);
        nc.AddVariable("v", NcType.Float, ["time", "y", "x"], new NcVariableOptions { ChunkSizes = [3, Rows, Cols] });
        using var writer = nc.StepWriter<float>("v");
        writer.Write(4, Step(4));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(5, Step(5)));
        Assert.Contains("variable 'v' has 5 steps", e.Message);
    }

    [Fact]
    public void ReadIntoSpan_RefusesABufferOfTheWrongLength()
    {
        using var dir = new TempDirectory();
        var path = CreateCube(dir, null);
        using var nc = NetCdfFile.Open(path);
        Assert.Throws<ArgumentException>(() => nc.Read<float>("v", [0, 0, 0], [0, Rows, Cols], new float[1]));
    }
}
