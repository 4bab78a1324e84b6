using System.Buffers;
using System.Text.Json;
using OrleansEval.Actuals;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Ingest;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Records;

/// <summary>
/// Reads late actuals, <c>{"predictionId": "w-1", "actual": {"label": "1"}}</c> — or with a bare value,
/// <c>"actual": "1"</c> or <c>"actual": 11.5</c> — from a JSON array or NDJSON; an optional timestamp is accepted
/// and checked. A bad item is rejected alone.
/// </summary>
internal static class ActualParser
{
    public static ParsedBatch<ActualRecord> Parse(ReadOnlySequence<byte> body, GatewayOptions limits) =>
        JsonItemStream.Parse(body, limits, new ParsedBatch<ActualRecord>(), ReadActual);

    private static void ReadActual(ref Utf8JsonReader reader, int index, GatewayOptions limits, ParsedBatch<ActualRecord> batch)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            batch.Rejected.Add(new RecordRejection(index, "actual: each item must be a JSON object"));
            return;
        }

        var fields = new FieldReader(limits);
        string? predictionId = null;
        ActualInput? actual = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (!fields.FirstTime(ref reader, name))
            {
                continue;
            }

            switch (name)
            {
                case "predictionId":
                    predictionId = fields.ReadId(ref reader, name);
                    break;
                case "timestamp":
                    fields.ReadTimestamp(ref reader);
                    break;
                case "actual" when reader.TokenType == JsonTokenType.StartObject:
                    var values = fields.ReadFields(ref reader, name, "label", "value");
                    actual = new ActualInput(values[0], values[1]);
                    break;
                case "actual":
                    var value = fields.ReadValue(ref reader, name);
                    actual = new ActualInput(value, value);
                    break;
                default:
                    reader.Skip();
                    fields.Fail($"{Quoting.Excerpt(name)}: is not a field of an actual (expected predictionId, actual, timestamp)");
                    break;
            }
        }

        var error = fields.Error
            ?? (predictionId is null ? "predictionId: is required" : null)
            ?? (actual is null ? "actual: is required" : null);
        if (error is not null)
        {
            batch.Rejected.Add(new RecordRejection(index, error));
            return;
        }

        batch.Items.Add(new ActualRecord(index, predictionId!, actual!));
    }
}
