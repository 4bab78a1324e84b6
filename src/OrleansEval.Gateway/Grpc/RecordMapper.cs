using System.Collections.Immutable;
using Google.Protobuf.Collections;
using OrleansEval.Actuals;
using OrleansEval.Gateway.Grpc.V1;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace OrleansEval.Gateway.Grpc;

/// <summary>
/// Turns protobuf records and actuals into the inputs the JSON parser produces, with the same rules and messages: a
/// string over the length limit or a missing id rejects its item alone, a non-finite number is kept so the schema
/// check names it, and a value with nothing set is missing.
/// </summary>
internal static class RecordMapper
{
    public static (ImmutableArray<RecordInput> Items, ImmutableArray<RecordRejection> Rejected) Map(RepeatedField<Record> records, GatewayOptions limits)
    {
        var items = ImmutableArray.CreateBuilder<RecordInput>(records.Count);
        var rejected = ImmutableArray.CreateBuilder<RecordRejection>();
        for (var index = 0; index < records.Count; index++)
        {
            var record = records[index];
            var fields = new FieldCheck(limits);
            var predictionId = fields.Text(record.PredictionId, "predictionId");
            var timestamp = fields.Time(record.Timestamp);
            var version = record.HasVersion ? fields.Text(record.Version, "version") : null;
            var environment = record.HasEnvironment ? fields.Text(record.Environment, "environment") : null;
            var features = fields.Values(record.Features, "features");
            var tags = fields.Values(record.Tags, "tags");
            var prediction = record.Prediction is { } p
                ? new PredictionInput(fields.Value(p.Label, "prediction.label"), p.HasScore ? FeatureValue.Of(p.Score) : FeatureValue.Missing, p.HasValue ? FeatureValue.Of(p.Value) : FeatureValue.Missing)
                : null;
            var actual = record.Actual is { } a ? fields.Actual(a) : null;

            var error = fields.Error
                ?? (string.IsNullOrEmpty(predictionId) ? "predictionId: is required" : null)
                ?? (timestamp is null ? "timestamp: is required (RFC 3339 with a time zone, e.g. 2024-01-01T00:00:00Z)" : null);
            if (error is not null)
            {
                rejected.Add(new RecordRejection(index, error));
                continue;
            }

            items.Add(new RecordInput
            {
                Index = index,
                PredictionId = predictionId!,
                Timestamp = timestamp!.Value,
                Version = version,
                Environment = environment,
                Features = features,
                Tags = tags,
                Prediction = prediction,
                Actual = actual,
            });
        }

        return (items.ToImmutable(), rejected.ToImmutable());
    }

    public static (ImmutableArray<ActualRecord> Items, ImmutableArray<RecordRejection> Rejected) Map(RepeatedField<ActualItem> actuals, GatewayOptions limits)
    {
        var items = ImmutableArray.CreateBuilder<ActualRecord>(actuals.Count);
        var rejected = ImmutableArray.CreateBuilder<RecordRejection>();
        for (var index = 0; index < actuals.Count; index++)
        {
            var item = actuals[index];
            var fields = new FieldCheck(limits);
            var predictionId = fields.Text(item.PredictionId, "predictionId");
            var actual = item.Actual is { } a ? fields.Actual(a) : null;
            if (item.Timestamp is not null)
            {
                fields.Time(item.Timestamp);
            }

            var error = fields.Error
                ?? (string.IsNullOrEmpty(predictionId) ? "predictionId: is required" : null)
                ?? (actual is null ? "actual: is required" : null);
            if (error is not null)
            {
                rejected.Add(new RecordRejection(index, error));
                continue;
            }

            items.Add(new ActualRecord(index, predictionId!, actual!));
        }

        return (items.ToImmutable(), rejected.ToImmutable());
    }

    /// <summary>The checks of one item as its fields are read; the first error wins.</summary>
    private sealed class FieldCheck(GatewayOptions limits)
    {
        public string? Error { get; private set; }

        public string? Text(string value, string field)
        {
            if (value.Length > limits.MaxStringLength)
            {
                TooLong(field);
                return null;
            }

            return value;
        }

        public DateTimeOffset? Time(Timestamp? timestamp)
        {
            if (timestamp is null)
            {
                return null;
            }

            try
            {
                return timestamp.ToDateTimeOffset();
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
            {
                Error ??= "timestamp: is not a valid time (seconds within years 1 to 9999, nanos from 0 to 999999999)";
                return null;
            }
        }

        public ImmutableDictionary<string, FeatureValue> Values(MapField<string, Value> values, string field)
        {
            if (values.Count == 0)
            {
                return ImmutableDictionary<string, FeatureValue>.Empty;
            }

            var builder = ImmutableDictionary.CreateBuilder<string, FeatureValue>(StringComparer.Ordinal);
            foreach (var (name, value) in values)
            {
                if (NameRules.Check(NameKind.Name, name) is { } rule)
                {
                    Error ??= $"{field}: {rule}";
                    continue;
                }

                builder[name] = Value(value, $"{field}.{name}");
            }

            return builder.ToImmutable();
        }

        public ActualInput Actual(Actual actual) =>
            new(Value(actual.Label, "actual.label"), actual.HasValue ? FeatureValue.Of(actual.Value) : FeatureValue.Missing);

        public FeatureValue Value(Value? value, string field)
        {
            switch (value?.KindCase)
            {
                case V1.Value.KindOneofCase.Number:
                    return FeatureValue.Of(value.Number);
                case V1.Value.KindOneofCase.Flag:
                    return FeatureValue.Of(value.Flag);
                case V1.Value.KindOneofCase.Text:
                    if (value.Text.Length > limits.MaxStringLength)
                    {
                        TooLong(field);
                    }

                    return FeatureValue.Of(value.Text);
                default:
                    return FeatureValue.Missing;
            }
        }

        private void TooLong(string field) => Error ??= $"{field}: must be at most {limits.MaxStringLength} characters";
    }
}
