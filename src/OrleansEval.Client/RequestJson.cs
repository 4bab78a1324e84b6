using System.Globalization;
using System.Text.Json;

namespace OrleansEval.Client;

/// <summary>Writes records and actuals as the JSON arrays the HTTP API reads.</summary>
internal static class RequestJson
{
    public static byte[] Records(IReadOnlyList<PredictionRecord> records) => Write(records, WriteRecord);

    public static byte[] Actuals(IReadOnlyList<LateActual> actuals) => Write(actuals, WriteActual);

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static byte[] Write<T>(IReadOnlyList<T> items, Action<Utf8JsonWriter, T> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var item in items)
            {
                write(json, item);
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    private static void WriteRecord(Utf8JsonWriter json, PredictionRecord record)
    {
        json.WriteStartObject();
        json.WriteString("predictionId", record.PredictionId);
        json.WriteString("timestamp", Time(record.Timestamp));
        WriteOptional(json, "version", record.Version);
        WriteOptional(json, "environment", record.Environment);
        WriteValues(json, "features", record.Features);
        WriteValues(json, "tags", record.Tags);
        if (record.Prediction is { } prediction)
        {
            json.WriteStartObject("prediction");
            WriteOptional(json, "label", prediction.Label);
            WriteOptional(json, "score", prediction.Score);
            WriteOptional(json, "value", prediction.Value);
            json.WriteEndObject();
        }

        if (record.Actual is { } actual)
        {
            WriteActualValue(json, actual);
        }

        json.WriteEndObject();
    }

    private static void WriteActual(Utf8JsonWriter json, LateActual actual)
    {
        json.WriteStartObject();
        json.WriteString("predictionId", actual.PredictionId);
        WriteActualValue(json, actual.Actual);
        if (actual.Timestamp is { } timestamp)
        {
            json.WriteString("timestamp", Time(timestamp));
        }

        json.WriteEndObject();
    }

    private static void WriteActualValue(Utf8JsonWriter json, Actual actual)
    {
        json.WriteStartObject("actual");
        WriteOptional(json, "label", actual.Label);
        WriteOptional(json, "value", actual.Value);
        json.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, object?> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        json.WriteStartObject(name);
        foreach (var (key, value) in values)
        {
            json.WritePropertyName(key);
            WriteValue(json, $"{name}.{key}", value);
        }

        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, string field, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case double number when !double.IsFinite(number):
            case float single when !float.IsFinite(single):
                throw new ArgumentException($"{field}: JSON has no non-finite numbers; send null for a missing value", nameof(value));
            case double number:
                json.WriteNumberValue(number);
                break;
            case float single:
                json.WriteNumberValue(single);
                break;
            case decimal exact:
                json.WriteNumberValue(exact);
                break;
            case long or int or short or sbyte:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong or uint or ushort or byte:
                json.WriteNumberValue(Convert.ToUInt64(value, CultureInfo.InvariantCulture));
                break;
            default:
                throw new ArgumentException($"{field}: a value must be a string, a boolean, a number or null, not {value.GetType().Name}", nameof(value));
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }
}
