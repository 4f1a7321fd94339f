using System.Buffers.Binary;
using System.Text;
using TamRl.Upscale.IO.Zarr;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.IO.Tests.Zarr;

/// <summary>
/// <see cref="ZarrV3Dataset"/> on stores written byte by byte here, for what zarrita 0.7.5 cannot write:
/// crc32c, the v2 chunk key encoding, hex fill values, absent dimension names.
/// </summary>
public sealed class ZarrV3DatasetHandWrittenTests : IDisposable
{
    private readonly TempDirectory _dir = new("tamrl-zarr3");

    public void Dispose() => _dir.Dispose();

    private static string ArrayJson(string type, string shape, string chunks, string codecs, string fill = "0", string extra = "") => $$$"""
        {"zarr_format":3,"node_type":"array","shape":{{{shape}}},"data_type":"{{{type}}}",
         "chunk_grid":{"name":"regular","configuration":{"chunk_shape":{{{chunks}}}}},
         "codecs":{{{codecs}}},"fill_value":{{{fill}}}{{{extra}}},"attributes":{}}
        """;

    [Fact]
    public void ReadDoubles_VerifiesAndStripsTheCrc32cChecksum()
    {
        // "123456789" and its CRC-32C, 0xE3069283: the check value of the Castagnoli CRC (RFC 3720, B.4).
        var store = ZarrFixtureStores.NewGroup(_dir.File("crc.zarr"));
        var payload = Encoding.ASCII.GetBytes("123456789");
        var chunk = new byte[13];
        payload.CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(9), 0xE3069283);
        ZarrFixtureStores.WriteArray(store, "u", ArrayJson("uint8", "[9]", "[9]", """[{"name":"bytes"},{"name":"crc32c"}]"""), ("c/0", chunk));

        using var ds = ZarrV3Dataset.Open(store);

        Assert.Equal(payload.Select(b => (double)b), ds.ReadDoubles("u"));
        chunk[3] ^= 1;
        File.WriteAllBytes(Path.Combine(store, "u", "c", "0"), chunk);
        var e = Assert.Throws<TamRl.Upscale.Core.Errors.DataFileException>(() => ds.ReadDoubles("u"));
        Assert.Equal(store, e.FilePath);
        Assert.Equal("u", e.Variable);
        Assert.Contains("crc32c", e.Message);
    }

    [Fact]
    public void ReadDoubles_ReadsV2ChunkKeysBigEndianInt32AndHexFloatFill_WithDefaultDimensionNames()
    {
        var store = ZarrFixtureStores.NewGroup(_dir.File("v2keys.zarr"));
        var chunk = new byte[12];
        BinaryPrimitives.WriteSingleBigEndian(chunk, 1.5f);
        BinaryPrimitives.WriteSingleBigEndian(chunk.AsSpan(4), -2f);
        BinaryPrimitives.WriteSingleBigEndian(chunk.AsSpan(8), 3e6f);
        ZarrFixtureStores.WriteArray(store, "h", ArrayJson("float32", "[2,3]", "[1,3]", """[{"name":"bytes","configuration":{"endian":"big"}}]""",
            fill: "\"0x3f800000\"", extra: ""","chunk_key_encoding":{"name":"v2","configuration":{"separator":"."}}"""), ("0.0", chunk));

        using var ds = ZarrV3Dataset.Open(store);
        var h = ds.GetVariable("h");

        Assert.Equal(["dim_0", "dim_1"], h.DimensionNames);
        Assert.Equal([1.5, -2, 3e6, 1, 1, 1], ds.ReadDoubles("h")); // row 1 is chunk 1.0: missing, fill 1.0f
        Assert.False(h.Attributes.Contains("_FillValue"));
    }

    [Fact]
    public void ReadDoubles_DecodesZstdFromTheZstdCommandLineTool()
    {
        // Compressed by the zstd CLI (Debian's zstd package), not by the reader's own library binding.
        var store = ZarrFixtureStores.NewGroup(_dir.File("zstd.zarr"));
        var raw = new byte[6 * 2];
        for (var i = 0; i < 6; i++)
            BinaryPrimitives.WriteInt16LittleEndian(raw.AsSpan(2 * i), (short)(-300 + 100 * i));
        var rawFile = _dir.File("chunk.raw");
        File.WriteAllBytes(rawFile, raw);
        ExternalTool.RunOk("zstd", "-q", "-19", "-f", rawFile, "-o", rawFile + ".zst");
        ZarrFixtureStores.WriteArray(store, "z", ArrayJson("int16", "[2,3]", "[2,3]",
            """[{"name":"bytes","configuration":{"endian":"little"}},{"name":"zstd","configuration":{"level":19,"checksum":false}}]"""),
            ("c/0/0", File.ReadAllBytes(rawFile + ".zst")));

        using var ds = ZarrV3Dataset.Open(store);

        Assert.Equal([-300, -200, -100, 0, 100, 200], ds.ReadDoubles("z"));
    }

    [Fact]
    public void Open_RefusesShardedArrays_NamingStoreAndArray()
    {
        var store = ZarrFixtureStores.NewGroup(_dir.File("sharded.zarr"));
        ZarrFixtureStores.WriteArray(store, "s", ArrayJson("float32", "[4]", "[4]",
            """[{"name":"sharding_indexed","configuration":{"chunk_shape":[2],"codecs":[{"name":"bytes","configuration":{"endian":"little"}}],"index_codecs":[{"name":"bytes","configuration":{"endian":"little"}}]}}]"""));

        var e = Assert.Throws<TamRl.Upscale.Core.Errors.InvalidInputException>(() => ZarrV3Dataset.Open(store));

        Assert.Equal(store, e.FilePath);
        Assert.Equal("s", e.Variable);
        Assert.Contains("sharding_indexed not supported", e.Message.Replace("'", ""));
    }
}
