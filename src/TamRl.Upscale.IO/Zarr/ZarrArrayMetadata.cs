using System.Text.Json;
using TamRl.Upscale.IO.Model;
using TamRl.Upscale.IO.Zarr.Codecs;

namespace TamRl.Upscale.IO.Zarr;

/// <summary>
/// One array's <c>zarr.json</c> (final Zarr v3 layout), parsed and checked: shape, data type, regular
/// chunk grid, chunk key encoding, fill value, codecs, dimension names and attributes.
/// </summary>
internal sealed record ZarrArrayMetadata(
    string Name,
    long[] Shape,
    int[] ChunkShape,
    ZarrDataType DataType,
    ZarrChunkKeyEncoding ChunkKeys,
    ZarrFillValue FillValue,
    ZarrCodecPipeline Codecs,
    string[] DimensionNames,
    AttributeSet Attributes)
{
    /// <summary>
    /// Parses an array node. Attributes are the array's own; <c>fill_value</c> is not presented as a
    /// CF <c>_FillValue</c> (missing values must be declared in the attributes, as CF asks).
    /// </summary>
    /// <exception cref="FormatException">A required field is missing or invalid, or an unsupported feature.</exception>
    public static ZarrArrayMetadata Parse(string name, JsonElement node)
    {
        if (!node.TryGetProperty("zarr_format", out var format) || format.ValueKind != JsonValueKind.Number || format.GetInt32() != 3)
            throw new FormatException("'zarr_format' is not 3");
        var shape = Integers(Required(node, "shape"), "shape", allowZero: true);
        var typeName = Required(node, "data_type");
        var dataType = (typeName.ValueKind == JsonValueKind.String ? ZarrDataType.TryParse(typeName.GetString()!) : null)
            ?? throw new FormatException($"data_type {typeName.GetRawText()} is not supported (supported: bool, int8..uint64, float16, float32, float64)");

        var grid = Required(node, "chunk_grid");
        if (!grid.TryGetProperty("name", out var gridName) || gridName.GetString() != "regular")
            throw new FormatException($"chunk_grid {grid.GetRawText()} is not 'regular'");
        var chunkShape = grid.TryGetProperty("configuration", out var gridConfiguration) && gridConfiguration.TryGetProperty("chunk_shape", out var cs)
            ? Integers(cs, "chunk_shape", allowZero: false)
            : throw new FormatException("chunk_grid has no configuration.chunk_shape");
        if (chunkShape.Length != shape.Length)
            throw new FormatException($"chunk_shape has {chunkShape.Length} dimensions, shape has {shape.Length}");
        if (chunkShape.Aggregate(1L, (a, b) => a * b) * dataType.Size > int.MaxValue)
            throw new FormatException($"chunks of {string.Join("x", chunkShape)} {dataType.Name} exceed 2 GiB");

        var chunkKeys = ZarrChunkKeyEncoding.Parse(node.TryGetProperty("chunk_key_encoding", out var keys) ? keys : null);
        var fill = ZarrFillValue.Parse(Required(node, "fill_value"), dataType);
        var codecs = ZarrCodecPipeline.Parse(Required(node, "codecs"), dataType, shape.Length);
        var dimensionNames = ParseDimensionNames(node, shape.Length);

        // Zarr v3's fill_value says what unwritten chunks hold, not which values are missing: as xarray
        // does for v3 (use_zarr_fill_value_as_mask off), it is not turned into a CF _FillValue, which would
        // mask legitimate values (a time coordinate whose first value is 0 with fill_value 0).
        var attributes = ZarrAttributeReader.Read(node);

        return new ZarrArrayMetadata(name, shape, chunkShape.Select(c => (int)c).ToArray(), dataType, chunkKeys, fill, codecs, dimensionNames, attributes);
    }

    private static JsonElement Required(JsonElement node, string property) =>
        node.TryGetProperty(property, out var value) ? value : throw new FormatException($"'{property}' is missing");

    private static long[] Integers(JsonElement list, string what, bool allowZero)
    {
        if (list.ValueKind != JsonValueKind.Array)
            throw new FormatException($"'{what}' must be a list of integers");
        var result = new long[list.GetArrayLength()];
        var i = 0;
        foreach (var e in list.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out result[i]) || result[i] < (allowZero ? 0 : 1) || (!allowZero && result[i] > int.MaxValue))
                throw new FormatException($"'{what}' {list.GetRawText()} is not a list of {(allowZero ? "non-negative" : "positive")} integers");
            i++;
        }
        return result;
    }

    /// <summary>The names in <c>dimension_names</c>; absent or null entries become dim_0, dim_1, ...</summary>
    private static string[] ParseDimensionNames(JsonElement node, int rank)
    {
        var names = Enumerable.Range(0, rank).Select(i => $"dim_{i}").ToArray();
        if (!node.TryGetProperty("dimension_names", out var list) || list.ValueKind == JsonValueKind.Null)
            return names;
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() != rank)
            throw new FormatException($"'dimension_names' {list.GetRawText()} is not a list of {rank} names");
        var i = 0;
        foreach (var e in list.EnumerateArray())
        {
            if (e.ValueKind == JsonValueKind.String)
                names[i] = e.GetString()!;
            else if (e.ValueKind != JsonValueKind.Null)
                throw new FormatException($"'dimension_names' {list.GetRawText()} holds a non-string");
            i++;
        }
        return names;
    }
}
