using System.Text.Json;

namespace OrleansEval.Gateway.Http;

/// <summary>The API's conventions for numbers and windows in hand-written JSON answers.</summary>
internal static class JsonWriterExtensions
{
    /// <summary>Writes a finite number, or null for a missing or non-finite one (JSON has no NaN).</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Writes <c>"window": {"from": …, "to": …}</c> in UTC.</summary>
    public static void WriteWindow(this Utf8JsonWriter json, DateTimeOffset from, DateTimeOffset to)
    {
        json.WriteStartObject("window");
        json.WriteString("from", from.UtcDateTime);
        json.WriteString("to", to.UtcDateTime);
        json.WriteEndObject();
    }
}
