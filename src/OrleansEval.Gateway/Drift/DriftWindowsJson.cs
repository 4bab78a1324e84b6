using System.Buffers;
using System.Text.Json;
using OrleansEval.Drift;
using OrleansEval.Gateway.Http;

namespace OrleansEval.Gateway.Drift;

/// <summary>Writes the drift of a sequence of windows: the span and step, then every window's drift document.</summary>
internal static class DriftWindowsJson
{
    public static byte[] Write(DriftWindowsRead read, IReadOnlyList<DriftReport> reports)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("modelId", read.ModelId);
            json.WriteString("baseline", read.Query.Baseline);
            json.WriteString("version", read.Query.Version);
            json.WriteString("environment", read.Query.Environment);
            json.WriteWindow(reports[0].Window.From, reports[^1].Window.To);
            json.WriteString("granularity", read.Query.Monthly ? "month" : Durations.Format(read.Query.Step!.Value));
            json.WriteStartArray("windows");
            foreach (var report in reports)
            {
                DriftJson.WriteReport(json, report);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
