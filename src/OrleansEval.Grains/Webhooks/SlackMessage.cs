using System.Text.Json;
using OrleansEval.Alerts;

namespace OrleansEval.Grains.Webhooks;

/// <summary>An alert as a Slack incoming-webhook message: the summary as <c>text</c> (the notification) and a <c>section</c> block.</summary>
internal static class SlackMessage
{
    public static void Write(Utf8JsonWriter json, Alert alert)
    {
        var summary = AlertSummary.Of(alert);
        var icon = alert.State == AlertState.Firing ? ":rotating_light:" : ":white_check_mark:";
        json.WriteStartObject();
        json.WriteString("text", summary);
        json.WriteStartArray("blocks");
        json.WriteStartObject();
        json.WriteString("type", "section");
        json.WriteStartObject("text");
        json.WriteString("type", "mrkdwn");
        json.WriteString("text", $"{icon} *{alert.State.ToString().ToLowerInvariant()}* `{alert.ModelId}` monitor `{alert.Monitor}` ({alert.Kind})\n{summary}");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
