using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Zarr;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Zarr;

/// <summary>Every bad input <see cref="ZarrV3Dataset"/> meets fails with a typed error naming the store (and the array).</summary>
public sealed class ZarrV3DatasetErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new("tamrl-zarr3-bad");

    public void Dispose() => _dir.Dispose();

    private static void Rewrite(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        Assert.Contains(from, text);
        File.WriteAllText(file, text.Replace(from, to));
    }

    [Fact]
    public void Open_ThrowsDataFileExceptionNamingThePath_WhenTheStoreIsMissing()
    {
        var path = _dir.File("nowhere.zarr");

        var e = Assert.Throws<DataFileException>(() => ZarrV3Dataset.Open(path));

        Assert.IsNotType<InvalidInputException>(e);
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void Open_ThrowsInvalidInputNamingStoreAndArray_WhenAnArrayJsonIsMalformed()
    {
        var store = ZarrFixtureStores.CopyOfZarrita(_dir);
        File.WriteAllText(Path.Combine(store, "sp", "zarr.json"), """{"zarr_format":3,"node_type":"array","shape":[4,""");

        var e = Assert.Throws<InvalidInputException>(() => ZarrV3Dataset.Open(store));

        Assert.Equal(store, e.FilePath);
        Assert.Equal("sp", e.Variable);
        Assert.StartsWith($"{store}: variable 'sp': sp/zarr.json is not valid JSON", e.Message);
    }

    [Fact]
    public void Open_ThrowsInvalidInputNamingTheStore_WhenTheRootJsonIsMalformed()
    {
        var store = ZarrFixtureStores.CopyOfZarrita(_dir);
        File.WriteAllText(Path.Combine(store, "zarr.json"), "not json");

        var e = Assert.Throws<InvalidInputException>(() => ZarrV3Dataset.Open(store));

        Assert.Equal(store, e.FilePath);
        Assert.Null(e.Variable);
        Assert.Contains("zarr.json is not valid JSON", e.Message);
    }

    [Theory]
    [InlineData("t2m", "\"gzip\"", "\"lz4\"", "codec 'lz4' is not supported")]
    [InlineData("t2m", "\"float32\"", "\"complex64\"", "data_type \"complex64\" is not supported")]
    [InlineData("sp", "\"chunk_shape\"", "\"chunkshape\"", "chunk_grid has no configuration.chunk_shape")]
    [InlineData("time", "\"fill_value\": 0", "\"fill_value\": 1.5", "fill_value 1.5 is not a valid int64")]
    [InlineData("latitude", "\"endian\": \"big\"", "\"endian\": \"middle\"", "endian \"middle\"")]
    public void Open_ThrowsInvalidInputNamingStoreAndArray_ForUnsupportedOrInvalidMetadata(string array, string from, string to, string detail)
    {
        var store = ZarrFixtureStores.CopyOfZarrita(_dir);
        Rewrite(Path.Combine(store, array, "zarr.json"), from, to);

        var e = Assert.Throws<InvalidInputException>(() => ZarrV3Dataset.Open(store));

        Assert.Equal(store, e.FilePath);
        Assert.Equal(array, e.Variable);
        Assert.Contains(detail, e.Message);
    }

    [Theory]
    [InlineData("t2m", "c/0/0/0")] // gzip
    [InlineData("sp", "c/0/0/0")] // zstd
    [InlineData("ramp", "c/1")] // blosc
    [InlineData("latitude", "c/0")] // bytes only: too short for the chunk
    public void ReadDoubles_ThrowsDataFileExceptionNamingStoreArrayAndChunk_WhenAChunkIsTruncated(string array, string key)
    {
        var store = ZarrFixtureStores.CopyOfZarrita(_dir);
        var chunk = Path.Combine(store, array, key);
        var bytes = File.ReadAllBytes(chunk);
        File.WriteAllBytes(chunk, bytes[..(bytes.Length * 2 / 3)]);
        using var ds = ZarrV3Dataset.Open(store);

        var e = Assert.Throws<DataFileException>(() => ds.ReadDoubles(array));

        Assert.Equal(store, e.FilePath);
        Assert.Equal(array, e.Variable);
        Assert.StartsWith($"{store}: variable '{array}': chunk {key} is corrupt or truncated", e.Message);
    }

    [Fact]
    public void ReadDoubles_ReadsOnlyTheChunksTheHyperslabTouches()
    {
        var store = ZarrFixtureStores.CopyOfZarrita(_dir);
        File.WriteAllBytes(Path.Combine(store, "t2m", "c", "1", "1", "0"), [1, 2, 3]); // time 2..3, latitude 2
        using var ds = ZarrV3Dataset.Open(store);

        var untouched = ds.ReadDoubles("t2m", [0, 0, 0], [4, 2, 5]);

        Assert.Equal(250, untouched[0]);
        Assert.Throws<DataFileException>(() => ds.ReadDoubles("t2m", [2, 2, 0], [1, 1, 1]));
    }

    [Fact]
    public void GetVariable_ThrowsInvalidInputNamingStoreAndVariable_WhenTheArrayIsMissing()
    {
        using var ds = ZarrV3Dataset.Open(ZarrFixtureStores.Zarrita);

        var e = Assert.Throws<InvalidInputException>(() => ds.ReadDoubles("u10"));

        Assert.Equal(ZarrFixtureStores.Zarrita, e.FilePath);
        Assert.Equal("u10", e.Variable);
    }
}
