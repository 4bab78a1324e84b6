using System.Buffers;
using System.Globalization;
using System.Text.Json;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Http;
using OrleansEval.Ingest;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Records;

/// <summary>
/// Reads one record at a time into a <see cref="RecordTableBuilder"/>, field by field, each value where it belongs.
/// Text is copied into one reused character buffer and looked up there, so a name or a category the batch has seen
/// costs no allocation, and a name is checked against <see cref="NameRules"/> once a batch. The first error of a
/// record wins and the rest of it is still consumed; the rules and messages are those the parser had when it read a
/// record into objects, and <see cref="FieldReader"/> still reads late actuals by them.
/// </summary>
internal sealed class RecordReader(GatewayOptions limits, RecordTableBuilder records) : IDisposable
{
    private const string TimestampRequired = "timestamp: is required (RFC 3339 with a time zone, e.g. 2024-01-01T00:00:00Z)";
    private const string ExpectedFields = "expected predictionId, timestamp, version, environment, features, tags, prediction, actual";

    private static readonly string[] PredictionFields = ["label", "score", "value"];
    private static readonly string[] ActualFields = ["label", "value"];

    private readonly FeatureValue[] _fields = new FeatureValue[3];
    private readonly NameRuleCache _nameRules = new(records);
    private char[] _text = ArrayPool<char>.Shared.Rent(256);
    private string? _error;

    private enum Field
    {
        PredictionId,
        Timestamp,
        Version,
        Environment,
        Features,
        Tags,
        Prediction,
        Actual,
        Unknown,
    }

    /// <summary>Reads the item at the reader into the table, or rejects it into <paramref name="batch"/>.</summary>
    public void Read(ref Utf8JsonReader reader, int index, GatewayOptions options, ParsedRecords batch)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            batch.Rejected.Add(new RecordRejection(index, "record: must be a JSON object"));
            return;
        }

        _error = null;
        records.Begin(index);
        var (id, timestamp) = ReadFields(ref reader);
        var error = _error
            ?? (id is null ? "predictionId: is required" : null)
            ?? (timestamp is null ? TimestampRequired : null);
        if (error is not null)
        {
            records.Drop();
            batch.Rejected.Add(new RecordRejection(index, error));
            return;
        }

        records.SetPredictionId(id!);
        records.SetTimestamp(timestamp!.Value);
        records.Keep();
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_text);
        _text = [];
    }

    private (string? Id, DateTimeOffset? Timestamp) ReadFields(ref Utf8JsonReader reader)
    {
        string? id = null;
        DateTimeOffset? timestamp = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = FieldOf(ref reader);
            var unknownName = field == Field.Unknown ? reader.GetString()! : null;
            reader.Read();
            if (field != Field.Unknown && (seen & (1 << (int)field)) != 0)
            {
                reader.Skip();
                Fail($"{Quoting.Excerpt(NameOf(field))}: appears twice");
                continue;
            }

            seen |= 1 << (int)field;
            switch (field)
            {
                case Field.PredictionId:
                    id = ReadId(ref reader);
                    break;
                case Field.Timestamp:
                    timestamp = ReadTimestamp(ref reader);
                    break;
                case Field.Version:
                    records.SetVersion(ReadText(ref reader, "version"));
                    break;
                case Field.Environment:
                    records.SetEnvironment(ReadText(ref reader, "environment"));
                    break;
                case Field.Features:
                    ReadValues(ref reader, "features", tags: false);
                    break;
                case Field.Tags:
                    ReadValues(ref reader, "tags", tags: true);
                    break;
                case Field.Prediction:
                    ReadOutcome(ref reader, "prediction", PredictionFields);
                    records.SetPrediction(_fields[0], _fields[1], _fields[2]);
                    break;
                case Field.Actual:
                    ReadOutcome(ref reader, "actual", ActualFields);
                    records.SetActual(_fields[0], _fields[1]);
                    break;
                default:
                    reader.Skip();
                    Fail($"{Quoting.Excerpt(unknownName!)}: is not a record field ({ExpectedFields})");
                    break;
            }
        }

        return (id, timestamp);
    }

    private static Field FieldOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("predictionId"u8) ? Field.PredictionId
        : reader.ValueTextEquals("timestamp"u8) ? Field.Timestamp
        : reader.ValueTextEquals("features"u8) ? Field.Features
        : reader.ValueTextEquals("prediction"u8) ? Field.Prediction
        : reader.ValueTextEquals("actual"u8) ? Field.Actual
        : reader.ValueTextEquals("version"u8) ? Field.Version
        : reader.ValueTextEquals("environment"u8) ? Field.Environment
        : reader.ValueTextEquals("tags"u8) ? Field.Tags
        : Field.Unknown;

    private static string NameOf(Field field) => field switch
    {
        Field.PredictionId => "predictionId",
        Field.Timestamp => "timestamp",
        Field.Version => "version",
        Field.Environment => "environment",
        Field.Features => "features",
        Field.Tags => "tags",
        Field.Prediction => "prediction",
        _ => "actual",
    };

    private void Fail(string? error) => _error ??= error;

    private string? ReadId(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        if (!IsText(ref reader, "predictionId"))
        {
            return null;
        }

        var id = reader.GetString()!;
        if (id.Length > limits.MaxStringLength)
        {
            Fail($"predictionId: must be at most {limits.MaxStringLength} characters");
            return null;
        }

        if (id.Length == 0)
        {
            Fail("predictionId: must not be empty");
        }

        return id;
    }

    private DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader)
    {
        if (!IsText(ref reader, "timestamp"))
        {
            return null;
        }

        var text = Chars(ref reader);
        if (text.Length > limits.MaxStringLength)
        {
            Fail($"timestamp: must be at most {limits.MaxStringLength} characters");
            return null;
        }

        if (Timestamps.TryParse(text, out var timestamp))
        {
            return timestamp;
        }

        Fail($"timestamp: {Timestamps.Problem(text.ToString())}");
        return null;
    }

    // A string field: null when JSON null (or wrong, with the error recorded); repeated texts are one string a batch.
    private string? ReadText(ref Utf8JsonReader reader, string field)
    {
        if (!IsText(ref reader, field))
        {
            return null;
        }

        var text = Chars(ref reader);
        if (text.Length > limits.MaxStringLength)
        {
            Fail($"{field}: must be at most {limits.MaxStringLength} characters");
            return null;
        }

        return records.Text(text);
    }

    // True for a string; false for null, and for anything else with the error recorded and the value skipped.
    private bool IsText(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.Null)
        {
            reader.Skip();
            Fail($"{field}: must be a string");
        }

        return false;
    }

    // An object of named values (features or tags): names follow NameRules; a name given twice is an error.
    private void ReadValues(ref Utf8JsonReader reader, string field, bool tags)
    {
        records.BeginValues(tags);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            Fail($"{field}: must be a JSON object");
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = records.Name(Chars(ref reader));
            reader.Read();
            if (_nameRules.RuleOf(name) is { } rule)
            {
                reader.Skip();
                Fail($"{field}: {rule}");
                continue;
            }

            var value = ReadValue(ref reader, field, records.NameOf(name));
            if (!records.AddValue(name, value))
            {
                Fail($"{Quoting.Path(field, records.NameOf(name))}: appears twice");
            }
        }
    }

    // A prediction or an actual: its values in the order of known, missing where absent. A key given twice, or one not
    // known (the first in the document is named, once the object is read), is an error.
    private void ReadOutcome(ref Utf8JsonReader reader, string field, string[] known)
    {
        Array.Clear(_fields);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            Fail($"{field}: must be a JSON object");
            return;
        }

        var seen = 0;
        List<string>? unknownNames = null;
        string? unknown = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var slot = SlotOf(ref reader, known);
            var name = slot >= 0 ? known[slot] : reader.GetString()!;
            reader.Read();
            var value = ReadValue(ref reader, field, name);
            if (slot >= 0 ? (seen & (1 << slot)) != 0 : unknownNames?.Contains(name) == true)
            {
                Fail($"{Quoting.Path(field, name)}: appears twice");
                continue;
            }

            if (slot >= 0)
            {
                seen |= 1 << slot;
                _fields[slot] = value;
            }
            else
            {
                (unknownNames ??= []).Add(name);
                unknown ??= $"{Quoting.Path(field, name)}: is not a field of {field} (expected {string.Join(", ", known)})";
            }
        }

        Fail(unknown);
    }

    private static int SlotOf(ref Utf8JsonReader reader, string[] known)
    {
        for (var i = 0; i < known.Length; i++)
        {
            if (reader.ValueTextEquals(known[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // One value; an error names it as field.key (the label is made only when there is an error).
    private FeatureValue ReadValue(ref Utf8JsonReader reader, string field, string key)
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
                var text = Chars(ref reader);
                if (text.Length > limits.MaxStringLength)
                {
                    Fail($"{Quoting.Path(field, key)}: must be at most {limits.MaxStringLength} characters");
                }

                return FeatureValue.Of(records.Text(text));
            default:
                reader.Skip();
                return new FeatureValue(FeatureValueKind.Composite, 0, null);
        }
    }

    // The current string or property name, unescaped, in the reused buffer (valid until the next call).
    private ReadOnlySpan<char> Chars(ref Utf8JsonReader reader)
    {
        // A UTF-8 byte is at most one UTF-16 character, and an escape is longer than what it stands for.
        var bytes = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (bytes > _text.Length)
        {
            ArrayPool<char>.Shared.Return(_text);
            _text = ArrayPool<char>.Shared.Rent(bytes);
        }

        return _text.AsSpan(0, reader.CopyString(_text));
    }
}
