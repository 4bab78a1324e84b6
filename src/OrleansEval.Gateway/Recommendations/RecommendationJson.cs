using System.Buffers;
using System.Text.Json;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.RootCause;
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
            RootCauseJson.WriteSides(json, report.Baseline, report.Current);
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
        json.WriteString("basis", report.Basis);
        json.WriteString("test", report.Test);
        json.WriteNumberOrNull("pValue", report.PValue);
        json.WriteStartObject("drift");
        json.WriteString("feature", report.DriftFeature);
        json.WriteNumberOrNull("share", report.DriftShare);
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
}
