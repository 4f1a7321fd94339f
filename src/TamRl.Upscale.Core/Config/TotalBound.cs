using System.Text.Json;
using System.Text.Json.Serialization;

namespace TamRl.Upscale.Core.Config;

/// <summary>
/// An expected range of a product's total over its area, Pg C/yr, and why: <c>{"min": 110, "max": 140, "reason": "..."}</c>.
/// The older form <c>[min, max]</c> still loads, without a reason. With <c>"enforce": false</c> a total outside the range
/// is reported (checks.json, the run's log) without stopping publication: for a configuration whose model is known
/// not to meet the expectation (the demo's minutes-sized ensemble), where the expectation should stay visible.
/// </summary>
[JsonConverter(typeof(TotalBoundConverter))]
public sealed record TotalBound(double Min, double Max, string? Reason = null, bool Enforce = true);

/// <summary>Reads <see cref="TotalBound"/> from <c>[min, max]</c> or <c>{"min", "max", "reason"}</c> (a reason is required in the object form).</summary>
public sealed class TotalBoundConverter : JsonConverter<TotalBound>
{
    public override TotalBound Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            var values = new List<double>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                values.Add(reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : throw new JsonException("expected [min, max] numbers"));
            return values.Count == 2 ? new TotalBound(values[0], values[1]) : throw new JsonException("expected [min, max]");
        }
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("expected [min, max] or {\"min\", \"max\", \"reason\"}");
        double? min = null, max = null;
        string? reason = null;
        var enforce = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "min": min = reader.GetDouble(); break;
                case "max": max = reader.GetDouble(); break;
                case "reason": reason = reader.GetString(); break;
                case "enforce":
                    enforce = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        _ => throw new JsonException("enforce: expected true or false"),
                    };
                    break;
                default: throw new JsonException($"unknown field '{name}' (expected min, max, reason, enforce)");
            }
        }
        if (min is null || max is null || string.IsNullOrWhiteSpace(reason))
            throw new JsonException("a bound needs min, max and the reason for them");
        return new TotalBound(min.Value, max.Value, reason, enforce);
    }

    public override void Write(Utf8JsonWriter writer, TotalBound value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("min", value.Min);
        writer.WriteNumber("max", value.Max);
        if (value.Reason is { } reason)
            writer.WriteString("reason", reason);
        if (!value.Enforce)
            writer.WriteBoolean("enforce", false);
        writer.WriteEndObject();
    }
}
