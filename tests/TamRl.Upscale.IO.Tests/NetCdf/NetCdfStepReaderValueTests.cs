using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.NetCdf;

/// <summary>
/// The step reader's values, on both its paths, against plain per-step hyperslab reads and ncdump, on a deflated cube
/// with a fill value none of whose chunk sizes divide the grid. (A third path, a block of whole steps read one chunk
/// per call, was measured in session 12 and left out: bench/RESULTS.md, "IO, session 12".)
/// </summary>
public class NetCdfStepReaderValueTests
{
    // 11 steps in chunks of 4 (a last block of 3), 7 x 5 in chunks of 3 x 2 (partial edge chunks both ways).
    private const int Steps = 11, Rows = 7, Cols = 5;
    private static readonly long[] Chunks = [4, 3, 2];
    private const float Fill = -999f;

    private static float Value(int t, int i) => t * 1000f + i + 0.25f;

    /// <summary>
    /// A deflated, shuffled cube with a fill value. Steps 0-8 are written whole, step 9 only its first three rows,
    /// step 10 not at all: the rest reads back as the fill value, from chunks partly or never written.
    /// </summary>
    private static string CreateCube(TempDirectory dir)
    {
        var path = dir.File("block.nc");
        using var nc = NetCdfFile.Create(path);
        nc.AddDimension("time", Steps);
        nc.AddDimension("y", Rows);
        nc.AddDimension("x", Cols);
        nc.AddVariable("v", NcType.Float, ["time", "y", "x"],
            new NcVariableOptions { ChunkSizes = Chunks, DeflateLevel = 4, Shuffle = true, FillValue = AttributeValue.Of(Fill) });
        for (var t = 0; t < 9; t++)
            nc.Write<float>("v", [t, 0, 0], [1, Rows, Cols], Enumerable.Range(0, Rows * Cols).Select(i => Value(t, i)).ToArray());
        nc.Write<float>("v", [9, 0, 0], [1, 3, Cols], Enumerable.Range(0, 3 * Cols).Select(i => Value(9, i)).ToArray());
        return path;
    }

    /// <summary>Every step as a plain hyperslab read (nc_get_vara of one step) through a file of its own.</summary>
    private static float[][] PlainSteps(string path)
    {
        using var nc = NetCdfFile.Open(path);
        return Enumerable.Range(0, Steps).Select(t => nc.Read<float>("v", [t, 0, 0], [1, Rows, Cols])).ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StepReader_ReturnsExactlyThePlainPerStepValues_WhenChunksDoNotDivideTheGrid(bool cacheSmallerThanAChunk)
    {
        using var dir = new TempDirectory();
        var path = CreateCube(dir);
        var plain = PlainSteps(path);

        using var nc = NetCdfFile.Open(path);
        // netCDF-C's default cache holds this row of chunks (a step at a time through it); one smaller than a chunk
        // makes the reader read a row of four steps per call.
        if (cacheSmallerThanAChunk)
            nc.SetChunkCache("v", 16, 1);
        Assert.Equal(cacheSmallerThanAChunk ? Chunks[0] : 1, NetCdfStepReader<float>.RowStepsToBuffer(nc, "v"));
        var reader = nc.StepReader<float>("v");
        // In order, then jumping between rows (the last one short) and back within one.
        foreach (var t in Enumerable.Range(0, Steps).Concat([10, 0, 5, 4, 9, 8, 3, 10, 1]))
            Assert.Equal(plain[t], reader.Read(t).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Read(Steps));

        // ncdump, an independent reader, agrees on every value; it prints the fill value as "_".
        var dumped = Ncdump.Values(path, "v");
        var ours = Enumerable.Range(0, Steps).SelectMany(t => reader.Read(t).ToArray()).Select(v => v == Fill ? double.NaN : v);
        Assert.Equal(dumped, ours);
        Assert.Equal(Fill, reader.Read(9)[3 * Cols]);
        Assert.Equal(Fill, reader.Read(10)[0]);
    }
}
