using System.Text.Json;
using OrleansEval.Alerts;

namespace OrleansEval.Grains.Webhooks;

/// <summary>
/// An alert as a PagerDuty Events API v2 event: <c>trigger</c> when it fires, <c>resolve</c> otherwise, with one
/// <c>dedup_key</c> per monitor and target so a resolve closes the incident its trigger opened.
/// </summary>
internal static class PagerDutyEvent
{
    public static string DedupKey(Alert alert) => $"orleanseval/{alert.ModelId}/{alert.Monitor}/{alert.Target}";

    public static void Write(Utf8JsonWriter json, Alert alert, string routingKey)
    {
        json.WriteStartObject();
        json.WriteString("routing_key", routingKey);
        json.WriteString("event_action", alert.State == AlertState.Firing ? "trigger" : "resolve");
        json.WriteString("dedup_key", DedupKey(alert));
        if (alert.State == AlertState.Firing)
        {
            json.WriteStartObject("payload");
            json.WriteString("summary", Truncate(AlertSummary.Of(alert), 1024));
            json.WriteString("source", $"orleanseval/{alert.ModelId}");
            json.WriteString("severity", "error");
            json.WriteString("timestamp", alert.At.UtcDateTime);
            json.WriteString("component", alert.ModelId);
            json.WriteString("group", alert.Monitor);
            json.WriteString("class", alert.Kind);
            json.WritePropertyName("custom_details");
            AlertDocument.Write(json, alert);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    // PagerDuty refuses a summary longer than 1024 characters.
    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
