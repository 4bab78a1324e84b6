using System.Buffers;
using System.Text.Json;
using OrleansEval.Gateway.Compare;
using OrleansEval.Gateway.Drift;
using OrleansEval.Models;
using OrleansEval.Validation;

namespace OrleansEval.Gateway.Validation;

/// <summary>
/// Writes a validation report — the verdict and its rules first, then the changed and new slices, the drifted
/// features, and the comparison and drift answers as their own endpoints write them — and a model's list of validations.
/// </summary>
internal static class ValidationJson
{
    public static byte[] Write(ValidationReport report)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteHead(json, report.Id, report.At, report.Request.Candidate, report.Request.Reference, report.Verdict);
            json.WriteString("modelId", report.ModelId);
            json.WriteString("baseline", report.Request.ProductionBaseline);
            json.WriteString("from", report.Request.From.UtcDateTime);
            json.WriteString("to", report.Request.To.UtcDateTime);
            WriteRules(json, report);
            WriteChanged(json, report);
            WriteNewSlices(json, report);
            json.WriteStartArray("driftedFeatures");
            foreach (var feature in report.DriftedFeatures)
            {
                json.WriteStringValue(feature);
            }

            json.WriteEndArray();
            json.WritePropertyName("comparison");
            json.WriteRawValue(CompareJson.Write(report.ModelId, report.Comparison));
            json.WritePropertyName("skew");
            json.WriteRawValue(DriftJson.Write(report.Skew));
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] WriteList(string modelId, IEnumerable<ValidationSummary> validations)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("modelId", modelId);
            json.WriteStartArray("validations");
            foreach (var validation in validations)
            {
                json.WriteStartObject();
                WriteHead(json, validation.Id, validation.At, validation.Candidate, validation.Reference, validation.Verdict);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteHead(Utf8JsonWriter json, string id, DateTimeOffset at, SeriesId candidate, SeriesId reference, string verdict)
    {
        json.WriteString("id", id);
        json.WriteString("at", at.UtcDateTime);
        WriteSeries(json, "candidate", candidate);
        WriteSeries(json, "reference", reference);
        json.WriteString("verdict", verdict);
    }

    private static void WriteSeries(Utf8JsonWriter json, string name, SeriesId series)
    {
        json.WriteStartObject(name);
        json.WriteString("version", series.Version);
        json.WriteString("environment", series.Environment);
        json.WriteEndObject();
    }

    private static void WriteRules(Utf8JsonWriter json, ValidationReport report)
    {
        json.WriteStartArray("rules");
        foreach (var rule in report.Rules)
        {
            json.WriteStartObject();
            json.WriteString("rule", rule.Name);
            json.WriteString("setting", rule.Setting);
            json.WriteBoolean("failed", rule.Failed);
            json.WriteString("finding", rule.Finding);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteChanged(Utf8JsonWriter json, ValidationReport report)
    {
        json.WriteStartArray("changedSlices");
        foreach (var change in report.Changed)
        {
            json.WriteStartObject();
            json.WriteString("slice", change.Slice);
            json.WriteNumber("n", change.Rows);
            json.WriteString("direction", change.Direction);
            json.WriteNumber("delta", change.Delta);
            json.WriteNumber("qValue", change.QValue);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteNewSlices(Utf8JsonWriter json, ValidationReport report)
    {
        json.WriteStartArray("newSlices");
        foreach (var slice in report.NewSlices)
        {
            json.WriteStartObject();
            json.WriteString("slice", slice.Slice);
            json.WriteNumber("n", slice.Rows);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
