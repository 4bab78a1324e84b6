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
        WriteCauses(json, alert);
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

    // A performance alert's causes: the top features by contribution, or why there are none.
    private static void WriteCauses(Utf8JsonWriter json, Alert alert)
    {
        if (alert.Causes.IsDefaultOrEmpty && alert.CauseNote is null)
        {
            return;
        }

        json.WriteStartArray("causes");
        foreach (var cause in alert.Causes.IsDefault ? [] : alert.Causes)
        {
            json.WriteStartObject();
            json.WriteString("feature", cause.Feature);
            json.WriteNumberOrNull("mix", cause.Mix);
            json.WriteNumberOrNull("within", cause.Within);
            json.WriteNumberOrNull("driftImpact", cause.DriftImpact);
            json.WriteStartObject("drift");
            json.WriteString("measure", cause.DriftMeasure);
            json.WriteNumberOrNull("value", cause.DriftValue);
            json.WriteBoolean("drifted", cause.Drifted);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (alert.CauseNote is not null)
        {
            json.WriteString("causeNote", alert.CauseNote);
        }
    }
}
