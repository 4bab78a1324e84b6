using System.Collections.Immutable;
using OrleansEval.Actuals;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Grpc;

/// <summary>
/// Reads an ActualsRequest's bytes straight into the worker's inputs, with no message object, by
/// <see cref="RecordMapper"/>'s checks and messages. Like <see cref="IngestWireReader"/>, it throws
/// <see cref="InvalidDataException"/> for what protobuf would merge or reject, for protobuf's parser to read instead.
/// </summary>
internal static class ActualsWireReader
{
    private static readonly uint ModelIdTag = WireReader.Tag(1, 2);
    private static readonly uint IdempotencyKeyTag = WireReader.Tag(2, 2);
    private static readonly uint ItemTag = WireReader.Tag(3, 2);
    private static readonly uint PredictionIdTag = WireReader.Tag(1, 2);
    private static readonly uint ActualTag = WireReader.Tag(2, 2);
    private static readonly uint TimestampTag = WireReader.Tag(3, 2);

    /// <summary>The ActualsRequest in <paramref name="payload"/>, its actuals checked by <paramref name="limits"/>.</summary>
    /// <exception cref="InvalidDataException">The message is for protobuf's parser to read.</exception>
    public static ActualsMessage Read(ReadOnlySpan<byte> payload, GatewayOptions limits)
    {
        using var fields = new WireFieldReader(texts: null);
        var items = ImmutableArray.CreateBuilder<ActualRecord>();
        var rejected = ImmutableArray.CreateBuilder<RecordRejection>();
        var reader = new WireReader(payload);
        var modelId = "";
        string? idempotencyKey = null;
        var count = 0;
        var actual = new FeatureValue[2];
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            if (tag == ItemTag)
            {
                var index = count++;
                var (item, error) = ReadItem(reader.ReadBytes(), index, fields, actual, limits);
                if (error is null)
                {
                    items.Add(item!);
                }
                else
                {
                    rejected.Add(new RecordRejection(index, error));
                }
            }
            else if (tag == ModelIdTag)
            {
                modelId = fields.String(reader.ReadBytes());
            }
            else if (tag == IdempotencyKeyTag)
            {
                idempotencyKey = fields.String(reader.ReadBytes());
            }
            else
            {
                reader.Skip(tag);
            }
        }

        return new ActualsMessage(modelId, idempotencyKey, count, items.ToImmutable(), rejected.ToImmutable());
    }

    private static (ActualRecord? Item, string? Error) ReadItem(ReadOnlySpan<byte> message, int index, WireFieldReader fields, FeatureValue[] actual, GatewayOptions limits)
    {
        var reader = new WireReader(message);
        var id = "";
        Array.Clear(actual);
        var (hasActual, hasTime, validTime) = (false, false, true);
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            if (tag == PredictionIdTag)
            {
                id = fields.String(reader.ReadBytes());
            }
            else if (tag == ActualTag)
            {
                hasActual = hasActual ? throw WireReader.Unread("an actual given twice") : true;
                fields.Outcome(reader.ReadBytes(), actual);
            }
            else if (tag == TimestampTag)
            {
                hasTime = hasTime ? throw WireReader.Unread("a timestamp given twice") : true;
                validTime = WireFieldReader.Time(reader.ReadBytes()) is not null;
            }
            else
            {
                reader.Skip(tag);
            }
        }

        var max = limits.MaxStringLength;
        var error = (id.Length > max ? TooLong("predictionId", max) : null)
            ?? (hasActual && actual[0].Kind == FeatureValueKind.Text && actual[0].Text!.Length > max ? TooLong("actual.label", max) : null)
            ?? (validTime ? null : "timestamp: is not a valid time (seconds within years 1 to 9999, nanos from 0 to 999999999)")
            ?? (id.Length == 0 ? "predictionId: is required" : null)
            ?? (hasActual ? null : "actual: is required");
        return error is null ? (new ActualRecord(index, id, new ActualInput(actual[0], actual[1])), null) : (null, error);
    }

    private static string TooLong(string field, int max) => $"{field}: must be at most {max} characters";
}
