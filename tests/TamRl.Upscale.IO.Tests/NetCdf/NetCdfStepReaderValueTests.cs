using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.NetCdf;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.NetCdf;

/// <summary>
/// The step reader's values, on each of its three paths, against plain per-step hyperslab reads and ncdump, on a
/// deflated cube with a fill value none of whose chunk sizes divide the grid and some of whose chunks were never
/// written. (A fourth path, a block of whole steps read one chunk per call, was measured in session 12 and left out:
/// bench/RESULTS.md, "IO, session 12".)
/// </summary>
public class NetCdfStepReaderValueTests
{
    // 11 steps in chunks of 4 (a last row of 3), 7 x 5 in chunks of 3 x 2 (partial edge chunks both ways).
    private const int Steps = 11, Rows = 7, Cols = 5;
    private static readonly long[] Chunks = [4, 3, 2];
    private const float Fill = -999f;

    public enum Path { StoredChunks, ThroughTheCache, RowBuffer }

    private static float Value(int t, int i) => t * 1000f + i + 0.25f;

    /// <summary>
    /// A deflated, shuffled cube with a fill value. Steps 0-7 are written whole, step 9 only its first three rows,
    /// steps 8 and 10 not at all: the rest reads back as the fill value, from chunks partly written (the first chunk
    /// row of the last row of chunks) or never written (its other chunks).
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
        for (var t = 0; t < 8; t++)
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
    [InlineData(Path.StoredChunks)]
    [InlineData(Path.ThroughTheCache)]
    [InlineData(Path.RowBuffer)]
    public void StepReader_ReturnsExactlyThePlainPerStepValues_WhenChunksDoNotDivideTheGrid(Path path)
    {
        using var dir = new TempDirectory();
        var file = CreateCube(dir);
        var plain = PlainSteps(file);

        // Read-only, the chunks are read directly; a file open for writing goes through netCDF-C, a step at a time
        // through netCDF-C's default cache (it holds this row of chunks), or a row of four steps per call with a cache
        // smaller than a chunk.
        using var nc = NetCdfFile.Open(file, writable: path != Path.StoredChunks);
        if (path == Path.RowBuffer)
            nc.SetChunkCache("v", 16, 1);
        using var reader = nc.StepReader<float>("v");
        Assert.Equal(path == Path.StoredChunks, reader.ReadsStoredChunks);
        if (path != Path.StoredChunks)
        {
            Assert.Equal("the file is open for writing", reader.WhyNotDirect);
            Assert.Equal(path == Path.RowBuffer ? Chunks[0] : 1, NetCdfStepReader<float>.RowStepsToBuffer(nc, "v"));
        }
        // In order, then jumping between rows (the last one short) and back within one.
        foreach (var t in Enumerable.Range(0, Steps).Concat([10, 0, 5, 4, 9, 8, 3, 10, 1]))
            Assert.Equal(plain[t], reader.Read(t).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Read(Steps));

        // ncdump, an independent reader, agrees on every value; it prints the fill value as "_".
        var dumped = Ncdump.Values(file, "v");
        var ours = Enumerable.Range(0, Steps).SelectMany(t => reader.Read(t).ToArray()).Select(v => v == Fill ? double.NaN : v);
        Assert.Equal(dumped, ours);
        Assert.Equal(Value(9, 3 * Cols - 1), reader.Read(9)[3 * Cols - 1]);
        Assert.Equal(Fill, reader.Read(9)[3 * Cols]);
        Assert.Equal(Fill, reader.Read(8)[0]);
        Assert.Equal(Fill, reader.Read(10)[Rows * Cols - 1]);
    }

    public static TheoryData<NcType, bool, int> Layouts => new()
    {
        { NcType.Double, true, 6 },
        { NcType.Short, true, 1 },
        { NcType.Int, false, 9 },
        { NcType.Float, true, 0 },
        { NcType.Float, false, 0 },
        { NcType.UByte, true, 2 },
    };

    /// <summary>Other element sizes (the shuffle's scalar path), deflate without shuffle, shuffle alone and plain chunks.</summary>
    [Theory]
    [MemberData(nameof(Layouts))]
    public void StoredChunks_AreDecodedLikeNetCdf_ForEveryTypeAndFilterNetCdfWrites(NcType type, bool shuffle, int deflate)
    {
        using var dir = new TempDirectory();
        var file = dir.File("layout.nc");
        // Values that use every byte of the wider types, so a byte put back in the wrong place shows.
        var values = Enumerable.Range(0, Steps * Rows * Cols).Select(i => (i * 7919 % 251) - 120.0 + (i % 3) * 1e-3 * (type is NcType.Double ? 1 : 0)).ToArray();
        if (type is NcType.Short or NcType.Int)
            values = values.Select(v => Math.Round(v) * (type is NcType.Int ? 65_537 : 129)).ToArray();
        if (type is NcType.UByte)
            values = values.Select(v => Math.Round(v) + 120).ToArray();
        using (var nc = NetCdfFile.Create(file))
        {
            nc.AddDimension("time", Steps);
            nc.AddDimension("y", Rows);
            nc.AddDimension("x", Cols);
            nc.AddVariable("v", type, ["time", "y", "x"], new NcVariableOptions { ChunkSizes = Chunks, DeflateLevel = deflate, Shuffle = shuffle });
            nc.Write<double>("v", values);
        }

        using var back = NetCdfFile.Open(file);
        var expected = back.Read<double>("v");
        Assert.Equal(values, expected);
        switch (type)
        {
            case NcType.Double: AssertSameSteps<double>(back, expected, v => v); break;
            case NcType.Float: AssertSameSteps<float>(back, expected, v => v); break;
            case NcType.Int: AssertSameSteps<int>(back, expected, v => v); break;
            case NcType.Short: AssertSameSteps<short>(back, expected, v => v); break;
            case NcType.UByte: AssertSameSteps<byte>(back, expected, v => v); break;
        }
    }

    private static void AssertSameSteps<T>(NetCdfFile nc, double[] expected, Func<T, double> widen) where T : unmanaged
    {
        using var reader = nc.StepReader<T>("v");
        Assert.True(reader.ReadsStoredChunks, reader.WhyNotDirect);
        for (var t = 0; t < Steps; t++)
            Assert.Equal(expected.AsSpan(t * Rows * Cols, Rows * Cols).ToArray(), reader.Read(t).ToArray().Select(widen).ToArray());
    }

    /// <summary>Reading a float variable as double is a conversion netCDF-C does: the reader goes through it.</summary>
    [Fact]
    public void StepReader_GoesThroughNetCdf_WhenAskedForAnotherTypeThanStored()
    {
        using var dir = new TempDirectory();
        var file = CreateCube(dir);
        using var nc = NetCdfFile.Open(file);
        using var reader = nc.StepReader<double>("v");
        Assert.False(reader.ReadsStoredChunks);
        Assert.Equal("stored as Float, read as Double", reader.WhyNotDirect);
        Assert.Equal(Value(2, 7), reader.Read(2)[7]);
    }

    /// <summary>A chunk whose bytes were damaged after writing is named in the error: file, variable and chunk.</summary>
    [Fact]
    public void StoredChunks_NameTheFileVariableAndChunk_WhenAChunkIsCorrupt()
    {
        using var dir = new TempDirectory();
        var file = CreateCube(dir);
        using (var nc = NetCdfFile.Open(file))
        using (var reader = nc.StepReader<float>("v"))
            Assert.True(reader.ReadsStoredChunks);
        var bytes = File.ReadAllBytes(file);
        // Find chunk 0's stored bytes in the file (as HDF5 hands them over) and overwrite some of its deflate stream with
        // bytes zlib refuses; the reader must fail with a clear message, not return garbage.
        var stored = StoredBytesOfFirstChunk(file);
        var at = bytes.AsSpan().IndexOf(stored);
        Assert.True(at > 0);
        for (var i = 2; i < 12; i++)
            bytes[at + i] = 0xFF;
        File.WriteAllBytes(file, bytes);

        using var damaged = NetCdfFile.Open(file);
        using var broken = damaged.StepReader<float>("v");
        var e = Assert.Throws<InvalidDataException>(() => broken.Read(0));
        Assert.Contains(file, e.Message);
        Assert.Contains("variable 'v'", e.Message);
        Assert.Contains("chunk 0", e.Message);
    }

    private static byte[] StoredBytesOfFirstChunk(string file)
    {
        using var nc = NetCdfFile.Open(file);
        using var stored = StoredChunks.TryOpen(nc, "v", NcType.Float, sizeof(float), out var whyNot)
            ?? throw new InvalidOperationException(whyNot);
        var buffer = Array.Empty<byte>();
        Assert.True(stored.TryRead(0, ref buffer, out var size, out var mask));
        Assert.Equal(0u, mask); // shuffle and deflate both applied
        return buffer[..size];
    }
}
