using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Ingest;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Records;

/// <summary>
/// Reads prediction records from a JSON array or from NDJSON (one JSON object per line) with a forward-only
/// <see cref="Utf8JsonReader"/>. A record with a bad field is rejected alone, with its index and the field at fault;
/// malformed JSON makes the whole body a fault that names the line and byte.
/// </summary>
internal static class RecordParser
{
    public static ParsedBatch<RecordInput> Parse(ReadOnlySequence<byte> body, GatewayOptions limits) =>
        JsonItemStream.Parse<RecordInput>(body, limits, ReadRecord);

    private static void ReadRecord(ref Utf8JsonReader reader, int index, GatewayOptions limits, ParsedBatch<RecordInput> batch)
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
            if (fields.FirstTime(ref reader, name))
            {
                fields.Read(name, ref reader);
            }
        }

        var error = fields.Error
            ?? (fields.PredictionId is null ? "predictionId: is required" : null)
            ?? (fields.Timestamp is null ? "timestamp: is required (RFC 3339 with a time zone, e.g. 2024-01-01T00:00:00Z)" : null);
        if (error is not null)
        {
            batch.Rejected.Add(new RecordRejection(index, error));
            return;
        }

        batch.Items.Add(new RecordInput
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

    /// <summary>The fields of one record as they are read; the first error wins, the rest of the record is still consumed.</summary>
    private sealed class RecordFields(GatewayOptions limits) : FieldReader(limits)
    {
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
                    Features = ReadValues(ref reader, name, keysAreNames: true);
                    break;
                case "tags":
                    Tags = ReadValues(ref reader, name, keysAreNames: true);
                    break;
                case "prediction":
                    var prediction = ReadFields(ref reader, name, "label", "score", "value");
                    Prediction = new PredictionInput(prediction[0], prediction[1], prediction[2]);
                    break;
                case "actual":
                    var actual = ReadFields(ref reader, name, "label", "value");
                    Actual = new ActualInput(actual[0], actual[1]);
                    break;
                default:
                    reader.Skip();
                    Fail($"{Quoting.Excerpt(name)}: is not a record field (expected predictionId, timestamp, version, environment, features, tags, prediction, actual)");
                    break;
            }
        }
    }
}
