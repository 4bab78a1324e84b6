using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Records;

/// <summary>
/// Reads prediction records from a JSON array or from NDJSON (one JSON object per line) with a forward-only
/// <see cref="Utf8JsonReader"/>. A record with a bad field is rejected alone, with its index and the field at fault;
/// malformed JSON makes the whole body a fault that names the line and byte.
/// </summary>
internal static class RecordParser
{
    public static ParsedBatch Parse(ReadOnlySequence<byte> body, GatewayOptions limits)
    {
        var batch = new ParsedBatch();
        var first = FirstSignificantByte(body);
        if (first is null)
        {
            batch.Fault = "body: must hold a JSON array of records or NDJSON, but is empty";
            return batch;
        }

        return first == (byte)'[' ? ParseArray(body, limits, batch) : ParseLines(body, limits, batch);
    }

    private static ParsedBatch ParseArray(ReadOnlySequence<byte> body, GatewayOptions limits, ParsedBatch batch)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            reader.Read();
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (index >= limits.MaxRecordsPerRequest)
                {
                    batch.Fault = $"body: too many records; at most {limits.MaxRecordsPerRequest} per request";
                    return batch;
                }

                ReadRecord(ref reader, index++, limits, batch);
            }

            // Reading past the array throws for anything but trailing white space.
            reader.Read();
        }
        catch (JsonException e)
        {
            batch.Fault = $"body: malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}";
        }

        return batch;
    }

    private static ParsedBatch ParseLines(ReadOnlySequence<byte> body, GatewayOptions limits, ParsedBatch batch)
    {
        var lines = new SequenceReader<byte>(body);
        var lineNumber = 0;
        var index = 0;
        while (!lines.End)
        {
            lineNumber++;
            if (!lines.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
            {
                line = lines.UnreadSequence;
                lines.AdvanceToEnd();
            }

            if (FirstSignificantByte(line) is null)
            {
                continue;
            }

            if (index >= limits.MaxRecordsPerRequest)
            {
                batch.Fault = $"body: too many records; at most {limits.MaxRecordsPerRequest} per request";
                return batch;
            }

            var reader = new Utf8JsonReader(line);
            try
            {
                reader.Read();
                ReadRecord(ref reader, index++, limits, batch);
                if (reader.Read())
                {
                    batch.Fault = $"body: line {lineNumber} holds more than one JSON value";
                    return batch;
                }
            }
            catch (JsonException e)
            {
                batch.Fault = $"body: malformed JSON on line {lineNumber}, byte {e.BytePositionInLine + 1}";
                return batch;
            }
        }

        return batch;
    }

    private static void ReadRecord(ref Utf8JsonReader reader, int index, GatewayOptions limits, ParsedBatch batch)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            batch.Rejected.Add(new RecordRejection(index, "record: must be a JSON object"));
            return;
        }

        var fields = new RecordFields(limits);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            fields.Read(name, ref reader);
        }

        var error = fields.Error
            ?? (fields.PredictionId is null ? "predictionId: is required" : null)
            ?? (fields.Timestamp is null ? "timestamp: is required (ISO-8601, e.g. 2024-01-01T00:00:00Z)" : null);
        if (error is not null)
        {
            batch.Rejected.Add(new RecordRejection(index, error));
            return;
        }

        batch.Records.Add(new RecordInput
        {
            Index = index,
            PredictionId = fields.PredictionId!,
            Timestamp = fields.Timestamp!.Value,
            Version = fields.Version,
            Environment = fields.Environment,
            Features = fields.Features,
            Tags = fields.Tags,
            Prediction = fields.Prediction,
            Actual = fields.Actual,
        });
    }

    private static byte? FirstSignificantByte(ReadOnlySequence<byte> data)
    {
        foreach (var segment in data)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return b;
                }
            }
        }

        return null;
    }

    /// <summary>The fields of one record as they are read; the first error wins, the rest of the record is still consumed.</summary>
    private sealed class RecordFields(GatewayOptions limits)
    {
        public string? Error { get; private set; }
        public string? PredictionId { get; private set; }
        public DateTimeOffset? Timestamp { get; private set; }
        public string? Version { get; private set; }
        public string? Environment { get; private set; }
        public ImmutableDictionary<string, FeatureValue> Features { get; private set; } = ImmutableDictionary<string, FeatureValue>.Empty;
        public ImmutableDictionary<string, FeatureValue> Tags { get; private set; } = ImmutableDictionary<string, FeatureValue>.Empty;
        public PredictionInput? Prediction { get; private set; }
        public ActualInput? Actual { get; private set; }

        public void Read(string name, ref Utf8JsonReader reader)
        {
            switch (name)
            {
                case "predictionId":
                    PredictionId = ReadId(ref reader, name);
                    break;
                case "timestamp":
                    Timestamp = ReadTimestamp(ref reader);
                    break;
                case "version":
                    Version = ReadString(ref reader, name);
                    break;
                case "environment":
                    Environment = ReadString(ref reader, name);
                    break;
                case "features":
                    Features = ReadValues(ref reader, name);
                    break;
                case "tags":
                    Tags = ReadValues(ref reader, name);
                    break;
                case "prediction":
                    var prediction = ReadValues(ref reader, name);
                    Prediction = new PredictionInput(Field(prediction, "label"), Field(prediction, "score"), Field(prediction, "value"));
                    Fail(UnknownField(prediction, name, "label", "score", "value"));
                    break;
                case "actual":
                    var actual = ReadValues(ref reader, name);
                    Actual = new ActualInput(Field(actual, "label"), Field(actual, "value"));
                    Fail(UnknownField(actual, name, "label", "value"));
                    break;
                default:
                    reader.Skip();
                    Fail($"{name}: is not a record field (expected predictionId, timestamp, version, environment, features, tags, prediction, actual)");
                    break;
            }
        }

        private void Fail(string? error) => Error ??= error;

        private string? ReadId(ref Utf8JsonReader reader, string field)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
            {
                return number.ToString(CultureInfo.InvariantCulture);
            }

            var id = ReadString(ref reader, field);
            if (id is { Length: 0 })
            {
                Fail($"{field}: must not be empty");
            }

            return id;
        }

        private string? ReadString(ref Utf8JsonReader reader, string field)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                Fail($"{field}: must be a string");
                return null;
            }

            var value = reader.GetString()!;
            if (value.Length > limits.MaxStringLength)
            {
                Fail($"{field}: must be at most {limits.MaxStringLength} characters");
                return null;
            }

            return value;
        }

        private DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader)
        {
            var text = ReadString(ref reader, "timestamp");
            if (text is null)
            {
                return null;
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
            {
                return timestamp;
            }

            Fail($"timestamp: '{text}' is not an ISO-8601 date and time");
            return null;
        }

        private ImmutableDictionary<string, FeatureValue> ReadValues(ref Utf8JsonReader reader, string field)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                Fail($"{field}: must be a JSON object");
                return ImmutableDictionary<string, FeatureValue>.Empty;
            }

            var values = ImmutableDictionary.CreateBuilder<string, FeatureValue>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString()!;
                reader.Read();
                var value = ReadValue(ref reader, $"{field}.{name}");
                if (!values.TryAdd(name, value))
                {
                    Fail($"{field}.{name}: appears twice");
                }
            }

            return values.ToImmutable();
        }

        private FeatureValue ReadValue(ref Utf8JsonReader reader, string field)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return FeatureValue.Missing;
                case JsonTokenType.True:
                    return FeatureValue.Of(true);
                case JsonTokenType.False:
                    return FeatureValue.Of(false);
                case JsonTokenType.Number:
                    return reader.TryGetDouble(out var number) ? FeatureValue.Of(number) : FeatureValue.Of(double.PositiveInfinity);
                case JsonTokenType.String:
                    var text = reader.GetString()!;
                    if (text.Length > limits.MaxStringLength)
                    {
                        Fail($"{field}: must be at most {limits.MaxStringLength} characters");
                    }

                    return FeatureValue.Of(text);
                default:
                    reader.Skip();
                    return new FeatureValue(FeatureValueKind.Composite, 0, null);
            }
        }

        private static FeatureValue Field(ImmutableDictionary<string, FeatureValue> values, string name) =>
            values.GetValueOrDefault(name);

        private static string? UnknownField(ImmutableDictionary<string, FeatureValue> values, string field, params string[] known)
        {
            foreach (var key in values.Keys)
            {
                if (!known.Contains(key))
                {
                    return $"{field}.{key}: is not a field of {field} (expected {string.Join(", ", known)})";
                }
            }

            return null;
        }
    }
}
