using System.Text.Json;
using System.Text.Json.Serialization;

namespace TamRl.Upscale.Core.Config;

/// <summary>
/// Reads a configuration field that is either one string or a list of strings (<c>"towers": "a"</c> or
/// <c>"towers": ["a", "b"]</c>), so that configurations written before the field took a list still load.
/// </summary>
public sealed class OneOrManyStringsConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return [reader.GetString()!];
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("expected a string or a list of strings");
        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException("expected a string or a list of strings");
            values.Add(reader.GetString()!);
        }
        return values;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        if (value.Count == 1)
        {
            writer.WriteStringValue(value[0]);
            return;
        }
        writer.WriteStartArray();
        foreach (var v in value)
            writer.WriteStringValue(v);
        writer.WriteEndArray();
    }
}
