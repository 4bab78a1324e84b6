using System.Text.Json;

namespace OrleansEval.Alerts;

/// <summary>
/// The alert document: an alert in the API's JSON shape, the same for listings, Server-Sent Events and webhooks (which
/// the silos deliver, so the writer lives beside the record rather than in the gateway).
/// </summary>
public static class AlertDocument
{
    /// <summary>Writes <paramref name="alert"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter json, Alert alert)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(alert);
        json.WriteStartObject();
        json.WriteNumber("sequence", alert.Sequence);
        json.WriteString("modelId", alert.ModelId);
        json.WriteString("monitor", alert.Monitor);
        json.WriteString("kind", char.ToLowerInvariant(alert.Kind[0]) + alert.Kind[1..]);
        json.WriteString("target", alert.Target);
        json.WriteString("state", alert.State.ToString().ToLowerInvariant());
        json.WriteString("measure", alert.Measure);
        WriteNumberOrNull(json, "value", alert.Value);
        json.WriteNumber("threshold", alert.Threshold);
        json.WriteString("direction", alert.Direction);
        json.WriteStartObject("window");
        json.WriteString("from", alert.WindowFrom.UtcDateTime);
        json.WriteString("to", alert.WindowTo.UtcDateTime);
        json.WriteEndObject();
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

    /// <summary>The alert as UTF-8 JSON bytes.</summary>
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
            WriteNumberOrNull(json, "mix", cause.Mix);
            WriteNumberOrNull(json, "within", cause.Within);
            WriteNumberOrNull(json, "driftImpact", cause.DriftImpact);
            json.WriteStartObject("drift");
            json.WriteString("measure", cause.DriftMeasure);
            WriteNumberOrNull(json, "value", cause.DriftValue);
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

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
