using System.Globalization;
using System.Text.Json;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Http;
using OrleansEval.Ingest;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Records;

/// <summary>
/// Reads the values of one JSON item (a record or an actual) field by field; the first error wins and the rest of the
/// item is still consumed, so the next item can be read.
/// </summary>
internal class FieldReader(GatewayOptions limits)
{
    private readonly HashSet<string> _named = new(StringComparer.Ordinal);

    public string? Error { get; private set; }

    /// <summary>
    /// True the first time the item names field <paramref name="name"/>; a second time is an error and its value is
    /// skipped, so a duplicate key never silently replaces the first value.
    /// </summary>
    public bool FirstTime(ref Utf8JsonReader reader, string name)
    {
        if (_named.Add(name))
        {
            return true;
        }

        reader.Skip();
        Fail($"{Quoting.Excerpt(name)}: appears twice");
        return false;
    }

    public void Fail(string? error) => Error ??= error;

    public string? ReadId(ref Utf8JsonReader reader, string field)
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

    public string? ReadString(ref Utf8JsonReader reader, string field)
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

    public DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader)
    {
        var text = ReadString(ref reader, "timestamp");
        if (text is null)
        {
            return null;
        }

        if (Timestamps.TryParse(text, out var timestamp))
        {
            return timestamp;
        }

        Fail($"timestamp: {Timestamps.Problem(text)}");
        return null;
    }

    /// <summary>
    /// Reads a JSON object whose keys must be among <paramref name="known"/> (the fields of a prediction or an actual):
    /// their values in the order of <paramref name="known"/>, missing where absent. A key given twice, or one not
    /// known (the first in the document is named), is an error.
    /// </summary>
    public FeatureValue[] ReadFields(ref Utf8JsonReader reader, string field, params string[] known)
    {
        var values = new FeatureValue[known.Length];
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            Fail($"{field}: must be a JSON object");
            return values;
        }

        var seen = new List<string>(known.Length);
        string? unknown = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            var value = ReadValue(ref reader, field, name);
            if (seen.Contains(name))
            {
                Fail($"{Quoting.Path(field, name)}: appears twice");
                continue;
            }

            seen.Add(name);
            var slot = Array.IndexOf(known, name);
            if (slot >= 0)
            {
                values[slot] = value;
            }
            else
            {
                unknown ??= $"{Quoting.Path(field, name)}: is not a field of {field} (expected {string.Join(", ", known)})";
            }
        }

        Fail(unknown);
        return values;
    }

    /// <summary>
    /// Reads one value; an error names it as <paramref name="field"/>, or as <c>field.key</c> when it is the value of
    /// <paramref name="key"/> in an object (the label is made only when there is an error).
    /// </summary>
    public FeatureValue ReadValue(ref Utf8JsonReader reader, string field, string? key = null)
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
                    Fail($"{Quoting.Path(field, key)}: must be at most {limits.MaxStringLength} characters");
                }

                return FeatureValue.Of(text);
            default:
                reader.Skip();
                return new FeatureValue(FeatureValueKind.Composite, 0, null);
        }
    }

}
