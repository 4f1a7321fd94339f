using System.Text.Json;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.Zarr;

/// <summary>
/// An <see cref="IArrayDataset"/> over a Zarr v3 group store in the final layout (<c>zarr.json</c> in
/// every node, chunks under <c>c/</c>) on the local file system — what zarr-python 3 and zarrita.js write,
/// and what GDAL 3.6 (<see cref="Gdal.GdalZarrDataset"/>) cannot read. Values are raw: no mask, no scale/offset.
/// </summary>
/// <remarks>
/// <para>Listed: the arrays that are direct children of the root group, by name in ordinal order; sub-groups
/// and their arrays are not listed. Dimensions come from <c>dimension_names</c> (dim_0, dim_1, ... where absent);
/// the first array to name a dimension sets its length.</para>
/// <para>Attributes: see <see cref="ZarrAttributeReader"/>. An array's <c>fill_value</c> is NOT presented as a
/// <c>_FillValue</c> attribute: in Zarr v3 it only says what unwritten chunks hold, and xarray likewise does
/// not mask with it for v3 stores. Missing values must be declared in the attributes (CF <c>_FillValue</c>).</para>
/// <para>Data types and codecs: see <see cref="ZarrDataType"/> and <see cref="Codecs.ZarrCodecPipeline"/>
/// (bytes, transpose, gzip, zstd, blosc, crc32c; no sharding). Only the regular chunk grid. A chunk file that
/// does not exist reads as the fill value.</para>
/// <para>Errors name the store and, where one is at fault, the array: a missing store folder is a
/// <see cref="DataFileException"/>; malformed or unsupported metadata is an <see cref="InvalidInputException"/>
/// at <see cref="Open"/>; a chunk that cannot be read or decoded (truncated, corrupt, bad checksum, wrong size)
/// is a <see cref="DataFileException"/> naming the chunk key when it is read.</para>
/// <para>Metadata is read once at <see cref="Open"/>; chunk files are read at each <see cref="ReadDoubles(string, long[], long[])"/>
/// and only those the hyperslab touches. No cache, no shared state: concurrent reads are safe.</para>
/// </remarks>
public sealed class ZarrV3Dataset : IArrayDataset
{
    private readonly Dictionary<string, ZarrArrayMetadata> _arrays;
    private bool _disposed;

    private ZarrV3Dataset(string path, AttributeSet globalAttributes, IReadOnlyList<ZarrArrayMetadata> arrays)
    {
        Path = path;
        GlobalAttributes = globalAttributes;
        _arrays = arrays.ToDictionary(a => a.Name, StringComparer.Ordinal);
        Variables = arrays.Select(a => new ArrayVariableInfo(a.Name, a.DimensionNames, a.Shape, a.DataType.ClrType, a.Attributes)).ToArray();
        var dimensions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var array in arrays)
            for (var d = 0; d < array.Shape.Length; d++)
                dimensions.TryAdd(array.DimensionNames[d], array.Shape[d]);
        Dimensions = dimensions;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, long> Dimensions { get; }

    public IReadOnlyList<ArrayVariableInfo> Variables { get; }

    public AttributeSet GlobalAttributes { get; }

    /// <summary>Opens a final-layout Zarr v3 group store (a folder) and reads every array's metadata.</summary>
    /// <exception cref="DataFileException">The folder does not exist.</exception>
    /// <exception cref="InvalidInputException">The root or an array's <c>zarr.json</c> is missing, malformed, or uses
    /// something this reader does not support (data type, codec, sharding, chunk grid); the message names the array.</exception>
    public static ZarrV3Dataset Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!Directory.Exists(path))
            throw new DataFileException(path, null, "no such Zarr store (folder not found)");
        var rootFile = System.IO.Path.Combine(path, "zarr.json");
        if (!File.Exists(rootFile))
            throw new InvalidInputException(path, null, $"has no zarr.json, so it is not a Zarr v3 store in the final layout (layout: {ZarrStore.DetectLayout(path)})");
        using var root = ParseJson(rootFile, path, null);
        var rootNode = root.RootElement;
        var nodeType = NodeType(rootNode);
        if (nodeType != "group")
            throw new InvalidInputException(path, null, $"zarr.json is not a final-layout Zarr v3 group (zarr_format {Raw(rootNode, "zarr_format")}, node_type {Raw(rootNode, "node_type")}); open the folder that holds the array");
        AttributeSet globals;
        try
        {
            globals = ZarrAttributeReader.Read(rootNode);
        }
        catch (FormatException e)
        {
            throw new InvalidInputException(path, null, $"zarr.json: {e.Message}", e);
        }

        var arrays = new List<ZarrArrayMetadata>();
        foreach (var folder in Directory.GetDirectories(path).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(folder);
            var file = System.IO.Path.Combine(folder, "zarr.json");
            if (!File.Exists(file))
                continue; // not a node (an implicit group or unrelated folder)
            using var document = ParseJson(file, path, name);
            if (NodeType(document.RootElement) != "array")
                continue; // a sub-group: not listed
            try
            {
                arrays.Add(ZarrArrayMetadata.Parse(name, document.RootElement));
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                // InvalidOperationException: JsonElement accessors on a value of the wrong kind.
                throw new InvalidInputException(path, name, $"zarr.json: {e.Message}", e);
            }
        }
        return new ZarrV3Dataset(path, globals, arrays);
    }

    public ArrayVariableInfo GetVariable(string name) =>
        _arrays.ContainsKey(name)
            ? Variables.First(v => v.Name == name)
            : throw new InvalidInputException(Path, name, $"no such variable; the store has {string.Join(", ", _arrays.Keys)}");

    public double[] ReadDoubles(string variable)
    {
        var info = GetVariable(variable);
        return ReadDoubles(variable, new long[info.Rank], info.Shape.ToArray());
    }

    /// <summary>
    /// Reads the hyperslab <paramref name="start"/>/<paramref name="count"/> as doubles, row-major, reading and
    /// decoding only the chunks it touches (each once).
    /// </summary>
    public double[] ReadDoubles(string variable, long[] start, long[] count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var info = GetVariable(variable);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(count);
        if (start.Length != info.Rank || count.Length != info.Rank)
            throw new ArgumentException($"{Path}: variable '{variable}' has {info.Rank} dimensions; got start of {start.Length} and count of {count.Length}.");
        for (var d = 0; d < info.Rank; d++)
            if (start[d] < 0 || count[d] < 0 || start[d] + count[d] > info.Shape[d])
                throw new ArgumentOutOfRangeException(nameof(start), $"{Path}: variable '{variable}': [{start[d]}, {start[d] + count[d]}) is outside dimension '{info.DimensionNames[d]}' of length {info.Shape[d]}.");

        var total = count.Aggregate(1L, (a, b) => checked(a * b));
        var values = new double[total];
        if (total == 0)
            return values;
        var array = _arrays[variable];
        new ZarrChunkReader(Path, array).ReadInto(start, count, values);
        return values;
    }

    /// <summary>Marks the dataset closed; it holds no file handles between reads.</summary>
    public void Dispose() => _disposed = true;

    private static JsonDocument ParseJson(string file, string store, string? array)
    {
        try
        {
            var document = JsonDocument.Parse(File.ReadAllBytes(file));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new InvalidInputException(store, array, $"{System.IO.Path.GetRelativePath(store, file)} is not a JSON object");
            }
            return document;
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(store, array, $"{System.IO.Path.GetRelativePath(store, file)} is not valid JSON: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new DataFileException(store, array, $"cannot read {System.IO.Path.GetRelativePath(store, file)}: {e.Message}", e);
        }
    }

    private static string? NodeType(JsonElement node) =>
        node.TryGetProperty("zarr_format", out var f) && f.ValueKind == JsonValueKind.Number && f.TryGetInt32(out var v) && v == 3
        && node.TryGetProperty("node_type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : null;

    private static string Raw(JsonElement node, string property) =>
        node.TryGetProperty(property, out var value) ? value.GetRawText() : "missing";
}
