using System.Collections.Immutable;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Records;
using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Grpc;

/// <summary>
/// Reads an IngestRequest's bytes straight into a <see cref="RecordTable"/>, record by record, with no message object:
/// each value goes into the table's pooled columns as its bytes are read. The checks and the messages are
/// <see cref="RecordMapper"/>'s, the first error of a record in the order it checks fields. Unknown fields, and known
/// ones with another wire type, are skipped as protobuf skips them. What protobuf would merge (a message field or a map
/// key given twice, a map's entries split by other fields) or reject throws <see cref="InvalidDataException"/>, and the
/// caller reads the message with protobuf instead.
/// </summary>
internal sealed class IngestWireReader : IDisposable
{
    private const string TimestampRequired = "timestamp: is required (RFC 3339 with a time zone, e.g. 2024-01-01T00:00:00Z)";
    private const string TimestampInvalid = "timestamp: is not a valid time (seconds within years 1 to 9999, nanos from 0 to 999999999)";

    private static readonly uint ModelIdTag = WireReader.Tag(1, 2);
    private static readonly uint IdempotencyKeyTag = WireReader.Tag(2, 2);
    private static readonly uint RecordTag = WireReader.Tag(3, 2);
    private static readonly uint PredictionIdTag = WireReader.Tag(1, 2);
    private static readonly uint TimestampTag = WireReader.Tag(2, 2);
    private static readonly uint VersionTag = WireReader.Tag(3, 2);
    private static readonly uint EnvironmentTag = WireReader.Tag(4, 2);
    private static readonly uint FeaturesTag = WireReader.Tag(5, 2);
    private static readonly uint TagsTag = WireReader.Tag(6, 2);
    private static readonly uint PredictionTag = WireReader.Tag(7, 2);
    private static readonly uint ActualTag = WireReader.Tag(8, 2);
    private static readonly uint KeyTag = WireReader.Tag(1, 2);
    private static readonly uint ValueTag = WireReader.Tag(2, 2);

    private readonly GatewayOptions _limits;
    private readonly RecordTableBuilder _table = new();
    private readonly WireFieldReader _fields;
    private readonly ImmutableArray<RecordRejection>.Builder _rejected = ImmutableArray.CreateBuilder<RecordRejection>();
    private readonly FeatureValue[] _outcome = new FeatureValue[3];
    private readonly NameRuleCache _nameRules;
    private string? _valuesError;
    private string? _tagsError;
    private string? _predictionError;
    private string? _actualError;

    private IngestWireReader(GatewayOptions limits)
    {
        _limits = limits;
        _fields = new WireFieldReader(_table);
        _nameRules = new NameRuleCache(_table);
    }

    /// <summary>The IngestRequest in <paramref name="payload"/>, its records checked by <paramref name="limits"/>.</summary>
    /// <exception cref="InvalidDataException">The message is for protobuf's parser to read.</exception>
    public static IngestMessage Read(ReadOnlySpan<byte> payload, GatewayOptions limits)
    {
        using var reader = new IngestWireReader(limits);
        try
        {
            return reader.ReadMessage(payload);
        }
        catch (InvalidDataException)
        {
            reader._table.Build().ReturnBuffers();
            throw;
        }
    }

    public void Dispose() => _fields.Dispose();

    private IngestMessage ReadMessage(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var modelId = "";
        string? idempotencyKey = null;
        var count = 0;
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            if (tag == RecordTag)
            {
                ReadRecord(reader.ReadBytes(), count++);
            }
            else if (tag == ModelIdTag)
            {
                modelId = _fields.String(reader.ReadBytes());
            }
            else if (tag == IdempotencyKeyTag)
            {
                idempotencyKey = _fields.String(reader.ReadBytes());
            }
            else
            {
                reader.Skip(tag);
            }
        }

        return new IngestMessage(modelId, idempotencyKey, count, _table.Build(), _rejected.ToImmutable());
    }

    private void ReadRecord(ReadOnlySpan<byte> message, int index)
    {
        _table.Begin(index);
        _valuesError = _tagsError = _predictionError = _actualError = null;
        var reader = new WireReader(message);
        var id = "";
        ReadOnlySpan<byte> time = default;
        var (hasTime, hasPrediction, hasActual) = (false, false, false);
        var (open, featuresRead, tagsRead) = (0u, false, false);
        string? version = null;
        string? environment = null;
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            if (tag == FeaturesTag || tag == TagsTag)
            {
                // A map's entries are read in one run, as the table holds them; a second run would be merged by protobuf.
                var tags = tag == TagsTag;
                if (open != tag)
                {
                    ref var read = ref tags ? ref tagsRead : ref featuresRead;
                    read = read ? throw WireReader.Unread("a map whose entries are split by other fields") : true;
                    _table.BeginValues(tags);
                    open = tag;
                }

                ReadEntry(reader.ReadBytes(), tags);
                continue;
            }

            open = 0;
            if (tag == PredictionIdTag)
            {
                id = _fields.String(reader.ReadBytes());
            }
            else if (tag == TimestampTag)
            {
                hasTime = hasTime ? throw WireReader.Unread("a timestamp given twice") : true;
                time = reader.ReadBytes();
            }
            else if (tag == VersionTag)
            {
                version = _table.Text(_fields.Chars(reader.ReadBytes()));
            }
            else if (tag == EnvironmentTag)
            {
                environment = _table.Text(_fields.Chars(reader.ReadBytes()));
            }
            else if (tag == PredictionTag)
            {
                hasPrediction = hasPrediction ? throw WireReader.Unread("a prediction given twice") : true;
                _predictionError = ReadOutcome(reader.ReadBytes(), 3, "prediction.label");
                _table.SetPrediction(_outcome[0], _outcome[1], _outcome[2]);
            }
            else if (tag == ActualTag)
            {
                hasActual = hasActual ? throw WireReader.Unread("an actual given twice") : true;
                _actualError = ReadOutcome(reader.ReadBytes(), 2, "actual.label");
                _table.SetActual(_outcome[0], _outcome[1]);
            }
            else
            {
                reader.Skip(tag);
            }
        }

        var timestamp = hasTime ? WireFieldReader.Time(time) : null;
        var error = TooLong(id, "predictionId")
            ?? (hasTime && timestamp is null ? TimestampInvalid : null)
            ?? TooLong(version, "version")
            ?? TooLong(environment, "environment")
            ?? _valuesError
            ?? _tagsError
            ?? _predictionError
            ?? _actualError
            ?? (id.Length == 0 ? "predictionId: is required" : null)
            ?? (hasTime ? null : TimestampRequired);
        if (error is not null)
        {
            _rejected.Add(new RecordRejection(index, error));
            _table.Drop();
            return;
        }

        _table.SetVersion(version);
        _table.SetEnvironment(environment);
        _table.SetPredictionId(id);
        _table.SetTimestamp(timestamp!.Value);
        _table.Keep();
    }

    // One map entry: a name (field 1) and a Value (field 2). Its value is read even under a bad name, as protobuf reads it.
    private void ReadEntry(ReadOnlySpan<byte> entry, bool tags)
    {
        var reader = new WireReader(entry);
        var (hasKey, hasValue) = (false, false);
        ReadOnlySpan<byte> key = default;
        ReadOnlySpan<byte> value = default;
        while (!reader.End)
        {
            var tag = reader.ReadTag();
            if (tag == KeyTag)
            {
                hasKey = hasKey ? throw WireReader.Unread("a map key given twice") : true;
                key = reader.ReadBytes();
            }
            else if (tag == ValueTag)
            {
                hasValue = hasValue ? throw WireReader.Unread("a map value given twice") : true;
                value = reader.ReadBytes();
            }
            else
            {
                reader.Skip(tag);
            }
        }

        var name = _table.Name(_fields.Chars(key));
        var read = _fields.Value(value);
        var field = tags ? "tags" : "features";
        ref var error = ref tags ? ref _tagsError : ref _valuesError;
        if (_nameRules.RuleOf(name) is { } rule)
        {
            error ??= $"{field}: {rule}";
            return;
        }

        if (!_table.AddValue(name, read))
        {
            throw WireReader.Unread("a map key given twice");
        }

        if (IsTooLong(read))
        {
            error ??= $"{field}.{_table.NameOf(name)}: {TooLongRule}";
        }
    }

    // Reads a prediction or an actual into _outcome; the error of its label, if any.
    private string? ReadOutcome(ReadOnlySpan<byte> message, int fields, string label)
    {
        _fields.Outcome(message, _outcome.AsSpan(0, fields));
        return IsTooLong(_outcome[0]) ? $"{label}: {TooLongRule}" : null;
    }

    private string TooLongRule => $"must be at most {_limits.MaxStringLength} characters";

    private bool IsTooLong(FeatureValue value) => value.Kind == FeatureValueKind.Text && value.Text!.Length > _limits.MaxStringLength;

    private string? TooLong(string? text, string field) => text is not null && text.Length > _limits.MaxStringLength ? $"{field}: {TooLongRule}" : null;
}
