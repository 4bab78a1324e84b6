using System.Buffers;
using System.Text.Json;
using OrleansEval.Gateway.Http;
using OrleansEval.Drift;
using OrleansEval.Gateway.Models;
using OrleansEval.Models;

namespace OrleansEval.Gateway.Drift;

/// <summary>
/// Writes a drift report in the API's shape: features as a list, the prediction and actual columns as objects keyed
/// by their part ("score", "label", "value"). Measures are written in the answer's order, a number or a test's object of
/// parts; undefined measures are written as null, never as NaN.
/// </summary>
internal static class DriftJson
{
    public static byte[] Write(DriftReport report)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteReport(json, report);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the report as one JSON object: the whole drift document, or one value of an array of them.</summary>
    public static void WriteReport(Utf8JsonWriter json, DriftReport report)
    {
        json.WriteStartObject();
        json.WriteString("modelId", report.ModelId);
        json.WriteString("baseline", report.Baseline);
        json.WriteString("version", report.Version);
        json.WriteString("environment", report.Environment);
        json.WriteWindow(report.Window.From, report.Window.To);
        json.WriteNumber("count", report.Count);
        if (report.Source is not null)
        {
            WriteSelection(json, report);
        }

        json.WriteStartArray("features");
        foreach (var column in report.Features)
        {
            WriteColumn(json, column, column.Name);
        }

        json.WriteEndArray();
        WriteColumnGroup(json, "prediction", report.Prediction);
        WriteColumnGroup(json, "actual", report.Actual);
        json.WriteEndObject();
    }

    // A sliced answer says which rows it was computed from and how many each side had.
    private static void WriteSelection(Utf8JsonWriter json, DriftReport report)
    {
        if (report.Slice is { } slice)
        {
            json.WriteString("slice", slice);
        }

        json.WriteStartArray("conditions");
        foreach (var condition in report.Conditions)
        {
            json.WriteStringValue(condition.ToString());
        }

        json.WriteEndArray();
        json.WriteString("source", report.Source);
        json.WriteNumber("baselineRows", report.BaselineRows);
        json.WriteNumber("currentRows", report.CurrentRows);
        json.WriteBoolean("sampled", report.Sampled);
    }

    private static void WriteColumnGroup(Utf8JsonWriter json, string group, IEnumerable<ColumnDrift> columns)
    {
        json.WriteStartObject(group);
        foreach (var column in columns)
        {
            var part = column.Name[(column.Name.LastIndexOf('.') + 1)..];
            json.WritePropertyName(part);
            WriteColumn(json, column, part);
        }

        json.WriteEndObject();
    }

    private static void WriteColumn(Utf8JsonWriter json, ColumnDrift column, string name)
    {
        var numeric = column.Type == FeatureType.Numeric;
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("type", WireNames.Of(column.Type));
        json.WriteNumber("count", column.Count);
        json.WriteNumber("missing", column.Missing);
        json.WriteNumber("typeErrors", column.TypeErrors);
        json.WriteNumberOrNull("missingRate", column.MissingRate);
        json.WriteNumberOrNull("typeErrorRate", column.TypeErrorRate);
        if (numeric)
        {
            json.WriteNumberOrNull("outOfRangeRate", column.OutOfRangeRate);
        }
        else
        {
            json.WriteNumberOrNull("unseenCategoryRate", column.UnseenCategoryRate);
        }

        foreach (var measure in column.Measures)
        {
            WriteMeasure(json, measure);
        }

        if (numeric)
        {
            json.WriteNumberOrNull("mean", column.Mean);
        }

        json.WriteStartArray("bins");
        foreach (var bin in column.Bins)
        {
            json.WriteStartObject();
            if (numeric)
            {
                json.WriteNumberOrNull("lower", bin.Lower);
                json.WriteNumberOrNull("upper", bin.Upper);
            }
            else if (bin.Category is null)
            {
                json.WriteNull("category");
                json.WriteBoolean("missing", true);
            }
            else
            {
                json.WriteString("category", bin.Category);
            }

            json.WriteNumberOrNull("baseline", bin.Baseline);
            json.WriteNumberOrNull("current", bin.Current);
            json.WriteNumberOrNull("baselineCount", bin.BaselineCount);
            json.WriteNumberOrNull("currentCount", bin.CurrentCount);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteBoolean("drifted", column.Drifted);
        json.WriteString("measure", column.Measure);
        json.WriteNumber("threshold", column.Threshold);
        json.WriteBoolean("approximate", column.Approximate);
        if (column.Note is not null)
        {
            json.WriteString("note", column.Note);
        }

        json.WriteEndObject();
    }

    // A measure that is a number is written as one (null when undefined); a test as an object of its parts.
    private static void WriteMeasure(Utf8JsonWriter json, MeasureValue measure)
    {
        if (measure.Parts.IsEmpty)
        {
            json.WriteNumberOrNull(measure.Name, measure.Score);
            return;
        }

        json.WriteStartObject(measure.Name);
        foreach (var part in measure.Parts)
        {
            if (part.Text is { } text)
            {
                json.WriteString(part.Name, text);
            }
            else if (part.Flag is { } flag)
            {
                json.WriteBoolean(part.Name, flag);
            }
            else
            {
                json.WriteNumberOrNull(part.Name, part.Number);
            }
        }

        json.WriteEndObject();
    }
}
