using System.Text.Json;

namespace TamRl.Upscale.IO.Zarr.Codecs;

/// <summary>
/// An array's <c>codecs</c> list, decode direction: bytes-to-bytes codecs in reverse order, then the
/// <c>bytes</c> codec (byte order), then an optional <c>transpose</c>. The result is the chunk's elements
/// as doubles in C order of the chunk shape.
/// </summary>
/// <remarks>
/// Supported: <c>transpose</c> (at most one; <c>order</c> a permutation, or the older "C"/"F"), <c>bytes</c>,
/// <c>gzip</c>, <c>zstd</c>, <c>blosc</c>, <c>crc32c</c>. Refused with a <see cref="FormatException"/>:
/// <c>sharding_indexed</c> (chunks made of inner chunks with an index; not implemented), any other codec,
/// and a list that breaks the spec's order (array-to-array, one array-to-bytes, bytes-to-bytes).
/// </remarks>
internal sealed class ZarrCodecPipeline
{
    private readonly int[]? _transposeOrder;
    private readonly bool _bigEndian;
    private readonly IZarrBytesCodec[] _bytesCodecs;

    private ZarrCodecPipeline(int[]? transposeOrder, bool bigEndian, IZarrBytesCodec[] bytesCodecs)
    {
        _transposeOrder = transposeOrder;
        _bigEndian = bigEndian;
        _bytesCodecs = bytesCodecs;
    }

    /// <summary>Names of the codecs, in storage (encode) order, for messages.</summary>
    public IReadOnlyList<string> Names =>
        [.. _transposeOrder is null ? Array.Empty<string>() : ["transpose"], "bytes", .. _bytesCodecs.Select(c => c.Name)];

    /// <exception cref="FormatException">The list is malformed or names a codec this reader lacks.</exception>
    public static ZarrCodecPipeline Parse(JsonElement codecs, ZarrDataType type, int rank)
    {
        if (codecs.ValueKind != JsonValueKind.Array)
            throw new FormatException("'codecs' must be a list");
        int[]? transpose = null;
        bool? bigEndian = null;
        var bytesCodecs = new List<IZarrBytesCodec>();
        foreach (var codec in codecs.EnumerateArray())
        {
            if (codec.ValueKind != JsonValueKind.Object || !codec.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
                throw new FormatException($"codec {codec.GetRawText()} has no name");
            var name = nameElement.GetString()!;
            var configuration = codec.TryGetProperty("configuration", out var c) ? c : default;
            switch (name)
            {
                case "transpose":
                    if (transpose is not null || bigEndian is not null)
                        throw new FormatException("'transpose' must come once, before 'bytes'");
                    transpose = ParseTransposeOrder(configuration, rank);
                    break;
                case "bytes":
                    if (bigEndian is not null)
                        throw new FormatException("more than one array-to-bytes codec");
                    bigEndian = ParseEndian(configuration, type);
                    break;
                case "sharding_indexed":
                    throw new FormatException("codec 'sharding_indexed' not supported (sharded arrays are not implemented in this reader)");
                case "gzip" or "zstd" or "blosc" or "crc32c":
                    if (bigEndian is null)
                        throw new FormatException($"bytes-to-bytes codec '{name}' comes before the 'bytes' codec");
                    bytesCodecs.Add(name switch
                    {
                        "gzip" => new GzipCodec(),
                        "zstd" => new ZstdCodec(),
                        "blosc" => new BloscCodec(),
                        _ => new Crc32cCodec(),
                    });
                    break;
                default:
                    throw new FormatException($"codec '{name}' is not supported (supported: transpose, bytes, gzip, zstd, blosc, crc32c)");
            }
        }
        if (bigEndian is null)
            throw new FormatException("no 'bytes' codec: the list needs exactly one array-to-bytes codec");
        return new ZarrCodecPipeline(transpose, bigEndian.Value, bytesCodecs.ToArray());
    }

    /// <summary>Decodes one stored chunk into its elements, in C order of <paramref name="chunkShape"/>.</summary>
    /// <exception cref="InvalidDataException">A codec fails, or the bytes do not fill the chunk exactly.</exception>
    public double[] Decode(byte[] stored, int[] chunkShape, ZarrDataType type)
    {
        var elements = chunkShape.Aggregate(1, (a, b) => checked(a * b));
        var rawSize = checked(elements * type.Size);
        var bytes = stored;
        for (var i = _bytesCodecs.Length - 1; i >= 0; i--)
            bytes = _bytesCodecs[i].Decode(bytes, rawSize);
        if (bytes.Length != rawSize)
            throw new InvalidDataException($"decodes to {bytes.Length} bytes; a chunk of {string.Join("x", chunkShape)} {type.Name} needs {rawSize}");
        var values = new double[elements];
        type.ToDoubles(bytes, _bigEndian, values);
        return _transposeOrder is null ? values : Untranspose(values, chunkShape, _transposeOrder);
    }

    /// <summary>
    /// The transpose codec stores element a (an index into the chunk) at index e of an array of shape
    /// chunkShape[order[i]], with e[i] = a[order[i]]. This walks a in C order and gathers from e.
    /// </summary>
    private static double[] Untranspose(double[] encoded, int[] chunkShape, int[] order)
    {
        var rank = chunkShape.Length;
        var encodedStrides = new int[rank];
        var stride = 1;
        for (var i = rank - 1; i >= 0; i--)
        {
            encodedStrides[i] = stride;
            stride *= chunkShape[order[i]];
        }
        // Stride, in the encoded array, of a step along decoded dimension j.
        var gather = new int[rank];
        for (var i = 0; i < rank; i++)
            gather[order[i]] = encodedStrides[i];

        var result = new double[encoded.Length];
        var index = new int[rank];
        var offset = 0;
        for (var n = 0; n < result.Length; n++)
        {
            result[n] = encoded[offset];
            for (var d = rank - 1; d >= 0; d--)
            {
                index[d]++;
                offset += gather[d];
                if (index[d] < chunkShape[d])
                    break;
                offset -= gather[d] * index[d];
                index[d] = 0;
            }
        }
        return result;
    }

    private static int[] ParseTransposeOrder(JsonElement configuration, int rank)
    {
        if (configuration.ValueKind != JsonValueKind.Object || !configuration.TryGetProperty("order", out var order))
            throw new FormatException("'transpose' has no configuration.order");
        int[] permutation = order.ValueKind switch
        {
            JsonValueKind.String when order.GetString() == "C" => Enumerable.Range(0, rank).ToArray(),
            JsonValueKind.String when order.GetString() == "F" => Enumerable.Range(0, rank).Reverse().ToArray(),
            JsonValueKind.Array when order.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _)) =>
                order.EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            _ => throw new FormatException($"'transpose' order {order.GetRawText()} is not a list of dimension indices"),
        };
        if (permutation.Length != rank || !permutation.Order().SequenceEqual(Enumerable.Range(0, rank)))
            throw new FormatException($"'transpose' order {order.GetRawText()} is not a permutation of {rank} dimensions");
        return permutation;
    }

    private static bool ParseEndian(JsonElement configuration, ZarrDataType type)
    {
        if (configuration.ValueKind == JsonValueKind.Object && configuration.TryGetProperty("endian", out var endian))
            return endian.GetString() switch
            {
                "little" => false,
                "big" => true,
                _ => throw new FormatException($"'bytes' endian {endian.GetRawText()} is neither \"little\" nor \"big\""),
            };
        // The spec requires endian for types wider than one byte.
        return type.Size == 1 ? false : throw new FormatException($"'bytes' codec without endian for {type.Name}");
    }
}
