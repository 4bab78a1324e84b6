using System.Buffers;
using System.Text.Json;
using OrleansEval.Gateway.Http;
using OrleansEval.WorstSlices;

namespace OrleansEval.Gateway.WorstSlices;

/// <summary>Writes the worst-slice answer, each slice with the examples link of its rows in the searched window.</summary>
internal static class WorstSliceJson
{
    public static byte[] Write(string modelId, WorstSliceQuery query, WorstSliceReport report)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("modelId", modelId);
            json.WriteString("from", report.From.UtcDateTime);
            json.WriteString("to", report.To.UtcDateTime);
            json.WriteNumber("rows", report.Rows);
            json.WriteBoolean("sampled", report.Sampled);
            json.WriteString("metric", report.Metric);
            WriteOverall(json, report);
            json.WriteStartArray("slices");
            foreach (var slice in report.Slices)
            {
                WriteSlice(json, modelId, query, slice);
            }

            json.WriteEndArray();
            if (report.Reason is not null)
            {
                json.WriteString("reason", report.Reason);
            }

            json.WriteNumber("examined", report.Examined);
            json.WriteNumber("minSize", report.MinSize);
            json.WriteNumber("maxConditions", query.MaxConditions);
            json.WriteNumber("alpha", query.Alpha);
            WriteBins(json, report);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteOverall(Utf8JsonWriter json, WorstSliceReport report)
    {
        json.WriteStartObject("overall");
        json.WriteNumberOrNull("error", report.OverallError);
        if (report.OverallAccuracy is { } accuracy)
        {
            json.WriteNumber("accuracy", accuracy);
        }

        json.WriteEndObject();
    }

    private static void WriteSlice(Utf8JsonWriter json, string modelId, WorstSliceQuery query, WorstSlice slice)
    {
        json.WriteStartObject();
        json.WriteStartArray("conditions");
        foreach (var condition in slice.Conditions)
        {
            json.WriteStringValue(condition);
        }

        json.WriteEndArray();
        json.WriteNumber("size", slice.Size);
        json.WriteNumber("error", slice.Error);
        if (slice.Accuracy is { } accuracy)
        {
            json.WriteNumber("accuracy", accuracy);
        }

        json.WriteNumber("score", slice.Score);
        json.WriteNumber("errorVsRest", slice.ErrorVsRest);
        json.WriteNumber("pValue", slice.PValue);
        json.WriteNumber("qValue", slice.QValue);
        json.WriteString("test", slice.Test);
        json.WriteString("examples", ExamplesLink.For(modelId, slice.Conditions, query.From, query.To, query.Version, query.Environment));
        json.WriteEndObject();
    }

    private static void WriteBins(Utf8JsonWriter json, WorstSliceReport report)
    {
        if (report.Baseline is null)
        {
            json.WriteNull("baseline");
        }
        else
        {
            json.WriteString("baseline", report.Baseline);
        }

        json.WriteStartArray("unbinned");
        foreach (var feature in report.Unbinned)
        {
            json.WriteStringValue(feature);
        }

        json.WriteEndArray();
    }
}
