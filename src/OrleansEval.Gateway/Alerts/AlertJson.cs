using System.Text.Json;
using OrleansEval.Alerts;
using OrleansEval.Gateway.Http;

namespace OrleansEval.Gateway.Alerts;

/// <summary>Writes an alert in the API's shape, for listings, Server-Sent Events and webhooks alike.</summary>
internal static class AlertJson
{
    public static void Write(Utf8JsonWriter json, Alert alert)
    {
        json.WriteStartObject();
        json.WriteNumber("sequence", alert.Sequence);
        json.WriteString("modelId", alert.ModelId);
        json.WriteString("monitor", alert.Monitor);
        json.WriteString("kind", char.ToLowerInvariant(alert.Kind[0]) + alert.Kind[1..]);
        json.WriteString("target", alert.Target);
        json.WriteString("state", alert.State.ToString().ToLowerInvariant());
        json.WriteString("measure", alert.Measure);
        json.WriteNumberOrNull("value", alert.Value);
        json.WriteNumber("threshold", alert.Threshold);
        json.WriteString("direction", alert.Direction);
        json.WriteWindow(alert.WindowFrom, alert.WindowTo);
        json.WriteNumber("count", alert.Count);
        json.WriteString("at", alert.At.UtcDateTime);
        if (alert.Baseline is not null)
        {
            json.WriteString("baseline", alert.Baseline);
        }

        if (alert.Examples is not null)
        {
            json.WriteString("examples", alert.Examples);
        }

        if (alert.QValue is { } qValue)
        {
            json.WriteNumber("qValue", qValue);
        }

        json.WriteStartArray("bins");
        foreach (var bin in alert.Bins)
        {
            json.WriteStartObject();
            json.WriteString("bin", bin.Bin);
            json.WriteNumber("baseline", bin.Baseline);
            json.WriteNumber("current", bin.Current);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static byte[] Write(Alert alert)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, alert);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
