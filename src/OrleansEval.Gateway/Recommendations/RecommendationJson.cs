using System.Buffers;
using System.Text.Json;
using OrleansEval.Gateway.Http;
using OrleansEval.Recommendations;

namespace OrleansEval.Gateway.Recommendations;

/// <summary>Writes the recommendation: the decision and its reason, the sides compared, and the bins to add with their links.</summary>
internal static class RecommendationJson
{
    public static byte[] Write(RecommendationReport report)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("metric", report.Metric);
            json.WriteString("from", report.From.UtcDateTime);
            json.WriteString("to", report.To.UtcDateTime);
            json.WriteBoolean("retrain", report.Retrain);
            json.WriteString("reason", report.Reason);
            WriteDecision(json, report);
            WriteSides(json, report);
            json.WriteStartArray("add");
            foreach (var addition in report.Additions)
            {
                WriteAddition(json, addition);
            }

            json.WriteEndArray();
            WriteGaps(json, report);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteDecision(Utf8JsonWriter json, RecommendationReport report)
    {
        WriteStringOrNull(json, "basis", report.Basis);
        WriteStringOrNull(json, "test", report.Test);
        json.WriteNumberOrNull("pValue", report.PValue);
        json.WriteStartObject("drift");
        WriteStringOrNull(json, "feature", report.DriftFeature);
        json.WriteNumberOrNull("share", report.DriftShare);
        json.WriteEndObject();
    }

    private static void WriteSides(Utf8JsonWriter json, RecommendationReport report)
    {
        json.WriteStartObject("baseline");
        json.WriteString("name", report.Baseline.Name);
        json.WriteNumberOrNull("value", report.Baseline.Value);
        json.WriteNumber("labelled", report.Baseline.Labelled);
        json.WriteEndObject();
        json.WriteStartObject("current");
        json.WriteNumberOrNull("value", report.Current.Value);
        json.WriteNumber("labelled", report.Current.Labelled);
        json.WriteNumber("rows", report.Current.Rows);
        json.WriteNumberOrNull("estimated", report.Current.Estimated);
        json.WriteEndObject();
    }

    private static void WriteAddition(Utf8JsonWriter json, TrainingAddition addition)
    {
        json.WriteStartObject();
        json.WriteString("feature", addition.Feature);
        json.WriteString("condition", addition.Condition);
        if (addition.Category is not null)
        {
            json.WriteString("category", addition.Category);
        }
        else
        {
            json.WriteNumberOrNull("lower", addition.Lower);
            json.WriteNumberOrNull("upper", addition.Upper);
        }

        json.WriteNumber("currentShare", addition.CurrentShare);
        json.WriteNumber("baselineShare", addition.BaselineShare);
        json.WriteNumber("metric", addition.Metric);
        json.WriteNumberOrNull("baselineMetric", addition.BaselineMetric);
        json.WriteNumber("labelled", addition.Labelled);
        json.WriteString("examples", addition.Examples);
        json.WriteEndObject();
    }

    private static void WriteGaps(Utf8JsonWriter json, RecommendationReport report)
    {
        json.WriteStartArray("notComputed");
        foreach (var gap in report.Gaps)
        {
            json.WriteStartObject();
            json.WriteString("part", gap.Part);
            json.WriteString("reason", gap.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
