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
/// Turns protobuf records into the record table the JSON parser fills, and actuals into its inputs, with the same rules
/// and messages: a string over the length limit or a missing id rejects its item alone, a non-finite number is kept so
/// the schema check names it, and a value with nothing set is missing. A record is written into the table's pooled
/// columns as it is read, with no object per record.
/// </summary>
internal static class RecordMapper
{
    /// <summary>
    /// The records written straight into a <see cref="RecordTable"/> (pooled buffers: give them back with
    /// <see cref="RecordTable.ReturnBuffers"/> once nothing reads the table), and the records rejected.
    /// </summary>
    public static (RecordTable Table, ImmutableArray<RecordRejection> Rejected) Map(RepeatedField<Record> records, GatewayOptions limits)
    {
        var table = new RecordTableBuilder();
        var rejected = ImmutableArray.CreateBuilder<RecordRejection>();
        var fields = new FieldCheck(limits);
        for (var index = 0; index < records.Count; index++)
        {
            var record = records[index];
            fields.Reset();
            table.Begin(index);
            var predictionId = fields.Text(record.PredictionId, "predictionId");
            var timestamp = fields.Time(record.Timestamp);
            table.SetVersion(record.HasVersion ? fields.Text(record.Version, "version") : null);
            table.SetEnvironment(record.HasEnvironment ? fields.Text(record.Environment, "environment") : null);
            fields.Values(table, record.Features, "features", tags: false);
            fields.Values(table, record.Tags, "tags", tags: true);
            if (record.Prediction is { } p)
            {
                table.SetPrediction(fields.Value(p.Label, "prediction.label"), p.HasScore ? FeatureValue.Of(p.Score) : FeatureValue.Missing, p.HasValue ? FeatureValue.Of(p.Value) : FeatureValue.Missing);
            }

            if (record.Actual is { } a)
            {
                var actual = fields.Actual(a);
                table.SetActual(actual.Label, actual.Value);
            }

            var error = fields.Error
                ?? (string.IsNullOrEmpty(predictionId) ? "predictionId: is required" : null)
                ?? (timestamp is null ? "timestamp: is required (RFC 3339 with a time zone, e.g. 2024-01-01T00:00:00Z)" : null);
            if (error is not null)
            {
                rejected.Add(new RecordRejection(index, error));
                table.Drop();
                continue;
            }

            table.SetPredictionId(predictionId!);
            table.SetTimestamp(timestamp!.Value);
            table.Keep();
        }

        return (table.Build(), rejected.ToImmutable());
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

        /// <summary>Forgets the error, for the next item.</summary>
        public void Reset() => Error = null;

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

        /// <summary>Adds the valid names' values to the record <paramref name="table"/> is filling.</summary>
        public void Values(RecordTableBuilder table, MapField<string, Value> values, string field, bool tags)
        {
            if (values.Count == 0)
            {
                return;
            }

            table.BeginValues(tags);
            foreach (var (name, value) in values)
            {
                if (NameRules.Check(NameKind.Name, name) is { } rule)
                {
                    Error ??= $"{field}: {rule}";
                    continue;
                }

                table.AddValue(table.Name(name), Value(value, field, name));
            }
        }

        public ActualInput Actual(Actual actual) =>
            new(Value(actual.Label, "actual.label"), actual.HasValue ? FeatureValue.Of(actual.Value) : FeatureValue.Missing);

        public FeatureValue Value(Value? value, string field) => Value(value, field, name: null);

        // The field's name is only put together for an error: a value of a map is named "field.name".
        private FeatureValue Value(Value? value, string field, string? name)
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
                        TooLong(name is null ? field : $"{field}.{name}");
                    }

                    return FeatureValue.Of(value.Text);
                default:
                    return FeatureValue.Missing;
            }
        }

        private void TooLong(string field) => Error ??= $"{field}: must be at most {limits.MaxStringLength} characters";
    }
}
