using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TamRl.Upscale.IO.Zarr;

/// <summary>
/// Writes a Zarr v2 store (a folder): root <c>.zgroup</c>/<c>.zattrs</c>, per array <c>.zarray</c> and
/// <c>.zattrs</c> with xarray's <c>_ARRAY_DIMENSIONS</c>, chunks compressed with zlib (numcodecs "zlib") under
/// "."-separated keys, little-endian, C order. Enough to write ARCO-ERA5-like stores that GDAL, zarr-python
/// and xarray read; GDAL 3.6's own multidimensional writer is not used because it cannot write a chunk at a
/// time from managed buffers without a native copy per chunk. Not thread-safe; one writer per store.
/// </summary>
public sealed class ZarrV2Writer
{
    private readonly Dictionary<string, (long[] Shape, long[] Chunks, int ItemSize)> _arrays = new();

    public ZarrV2Writer(string path, IReadOnlyDictionary<string, object>? attributes = null)
    {
        Path = path;
        Directory.CreateDirectory(path);
        File.WriteAllText(System.IO.Path.Combine(path, ".zgroup"), "{\n    \"zarr_format\": 2\n}\n");
        File.WriteAllText(System.IO.Path.Combine(path, ".zattrs"), ToJson(attributes ?? new Dictionary<string, object>()));
    }

    public string Path { get; }

    /// <summary>Defines an array of element type T (float, double, int, long, short) with named dimensions.</summary>
    public void CreateArray<T>(string name, string[] dimensions, long[] shape, long[] chunks, double? fillValue,
        IReadOnlyDictionary<string, object>? attributes = null) where T : unmanaged
    {
        if (dimensions.Length != shape.Length || chunks.Length != shape.Length)
            throw new ArgumentException($"{Path}: array '{name}': dimensions, shape and chunks differ in rank.");
        var dtype = typeof(T) == typeof(float) ? "<f4" : typeof(T) == typeof(double) ? "<f8" : typeof(T) == typeof(int) ? "<i4"
            : typeof(T) == typeof(long) ? "<i8" : typeof(T) == typeof(short) ? "<i2"
            : throw new ArgumentException($"{Path}: array '{name}': element type {typeof(T).Name} is not supported.");
        var dir = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(dir);
        var meta = new JsonObject
        {
            ["zarr_format"] = 2,
            ["shape"] = new JsonArray(shape.Select(s => (JsonNode)s).ToArray()),
            ["chunks"] = new JsonArray(chunks.Select(s => (JsonNode)s).ToArray()),
            ["dtype"] = dtype,
            ["compressor"] = new JsonObject { ["id"] = "zlib", ["level"] = 1 },
            ["fill_value"] = fillValue is { } f ? double.IsNaN(f) ? JsonValue.Create("NaN") : JsonValue.Create(f) : null,
            ["order"] = "C",
            ["filters"] = null,
            ["dimension_separator"] = ".",
        };
        File.WriteAllText(System.IO.Path.Combine(dir, ".zarray"), meta.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        var attrs = new Dictionary<string, object>(attributes ?? new Dictionary<string, object>()) { ["_ARRAY_DIMENSIONS"] = dimensions };
        File.WriteAllText(System.IO.Path.Combine(dir, ".zattrs"), ToJson(attrs));
        _arrays[name] = (shape, chunks, Marshal.SizeOf<T>());
    }

    /// <summary>Writes one whole chunk (edge chunks are padded to the full chunk shape, as Zarr requires).</summary>
    public void WriteChunk<T>(string name, long[] chunkIndex, ReadOnlySpan<T> values) where T : unmanaged
    {
        if (!_arrays.TryGetValue(name, out var a))
            throw new ArgumentException($"{Path}: array '{name}' was not created.");
        var full = a.Chunks.Aggregate(1L, (x, y) => x * y);
        if (values.Length != full)
            throw new ArgumentException($"{Path}: array '{name}': a chunk holds {full} values, {values.Length} given.");
        var key = string.Join('.', chunkIndex);
        using var file = File.Create(System.IO.Path.Combine(Path, name, key));
        using var z = new ZLibStream(file, CompressionLevel.Fastest);
        z.Write(MemoryMarshal.AsBytes(values));
    }

    private static string ToJson(IReadOnlyDictionary<string, object> values) =>
        JsonSerializer.Serialize(values, new JsonSerializerOptions { WriteIndented = true }) + "\n";
}
