using System.Text.Json;
using TamRl.Upscale.IO.Model;

namespace TamRl.Upscale.IO.Zarr;

/// <summary>
/// Maps a node's JSON <c>attributes</c> to an <see cref="AttributeSet"/>, in file order.
/// </summary>
/// <remarks>
/// A string becomes text; a number, or a list of numbers, becomes <c>long[]</c> when every number is an
/// integer that fits, otherwise <c>double[]</c> (JSON has no types: <c>1000.0</c> written by JavaScript is
/// <c>1000</c>, so CF code must read numbers as doubles, which <see cref="AttributeSet.GetDoubles"/> does);
/// <c>true</c>/<c>false</c> become the text "true"/"false". Not representable, hence left out: null,
/// objects, empty lists, lists of strings or of mixed kinds. Bare <c>NaN</c> tokens (invalid JSON that
/// some Python writers emit) make the whole document malformed.
/// </remarks>
internal static class ZarrAttributeReader
{
    public static AttributeSet Read(JsonElement node)
    {
        if (!node.TryGetProperty("attributes", out var attributes) || attributes.ValueKind == JsonValueKind.Null)
            return AttributeSet.Empty;
        if (attributes.ValueKind != JsonValueKind.Object)
            throw new FormatException("'attributes' must be an object");
        var result = new List<KeyValuePair<string, AttributeValue>>();
        foreach (var property in attributes.EnumerateObject())
        {
            var value = Map(property.Value);
            if (value is not null)
                result.Add(new(property.Name, value));
        }
        return new AttributeSet(result);
    }

    private static AttributeValue? Map(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => AttributeValue.FromText(value.GetString()!),
        JsonValueKind.True => AttributeValue.FromText("true"),
        JsonValueKind.False => AttributeValue.FromText("false"),
        JsonValueKind.Number => Numbers([value]),
        JsonValueKind.Array when value.GetArrayLength() > 0 && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number) =>
            Numbers(value.EnumerateArray().ToArray()),
        _ => null,
    };

    private static AttributeValue Numbers(JsonElement[] numbers)
    {
        var longs = new long[numbers.Length];
        for (var i = 0; i < numbers.Length; i++)
            // TryGetInt64 fails for 1.5 and 1e3 alike: both are kept as doubles.
            if (!numbers[i].TryGetInt64(out longs[i]))
                return AttributeValue.FromNumbers(numbers.Select(n => n.GetDouble()).ToArray());
        return AttributeValue.FromNumbers(longs);
    }
}
