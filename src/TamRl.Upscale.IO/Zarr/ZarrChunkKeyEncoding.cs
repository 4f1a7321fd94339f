using System.Text.Json;

namespace TamRl.Upscale.IO.Zarr;

/// <summary>
/// How a chunk's grid index becomes its key (its path under the array's folder): <c>default</c> writes
/// <c>c/1/0/2</c> (or <c>c.1.0.2</c> with the "." separator), <c>v2</c> writes <c>1.0.2</c> (or
/// <c>1/0/2</c> with "/"). A zero-dimensional array's single chunk is <c>c</c> or <c>0</c>.
/// </summary>
internal sealed class ZarrChunkKeyEncoding
{
    private readonly bool _v2;
    private readonly char _separator;

    private ZarrChunkKeyEncoding(bool v2, char separator)
    {
        _v2 = v2;
        _separator = separator;
    }

    /// <summary>The encoding named in <c>chunk_key_encoding</c>; absent means default with "/".</summary>
    /// <exception cref="FormatException">An unknown name or separator.</exception>
    public static ZarrChunkKeyEncoding Parse(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } json)
            return element is null or { ValueKind: JsonValueKind.Undefined }
                ? new(false, '/')
                : throw new FormatException("'chunk_key_encoding' must be an object");
        var name = json.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var v2 = name switch
        {
            "default" => false,
            "v2" => true,
            _ => throw new FormatException($"chunk_key_encoding '{name}' is not supported (supported: default, v2)"),
        };
        var separator = json.TryGetProperty("configuration", out var c) && c.ValueKind == JsonValueKind.Object
            && c.TryGetProperty("separator", out var s) ? s.GetString() : null;
        return separator switch
        {
            null => new(v2, v2 ? '.' : '/'),
            "/" or "." => new(v2, separator[0]),
            _ => throw new FormatException($"chunk_key_encoding separator '{separator}' is neither \"/\" nor \".\""),
        };
    }

    /// <summary>The key of the chunk at <paramref name="chunkIndex"/>, with "/" between path segments.</summary>
    public string Key(ReadOnlySpan<long> chunkIndex)
    {
        var parts = new string[chunkIndex.Length];
        for (var i = 0; i < parts.Length; i++)
            parts[i] = chunkIndex[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (_v2)
            return parts.Length == 0 ? "0" : string.Join(_separator, parts);
        return parts.Length == 0 ? "c" : "c" + _separator + string.Join(_separator, parts);
    }
}
