using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansEval.Alerts;
using OrleansEval.Webhooks;

namespace OrleansEval.Grains.Webhooks;

/// <summary>The bytes a webhook POSTs for an alert, in its format, and their signature.</summary>
internal static class WebhookBody
{
    /// <summary>The header that carries <c>sha256=&lt;hex HMAC-SHA256 of the body&gt;</c> when the webhook has a secret.</summary>
    public const string SignatureHeader = "X-OrleansEval-Signature";

    public static byte[] For(WebhookDefinition definition, Alert alert)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            switch (definition.Format)
            {
                case WebhookFormat.Slack:
                    SlackMessage.Write(json, alert);
                    break;
                case WebhookFormat.PagerDuty:
                    PagerDutyEvent.Write(json, alert, definition.RoutingKey ?? "");
                    break;
                default:
                    AlertDocument.Write(json, alert);
                    break;
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of <paramref name="body"/> keyed by the secret's UTF-8 bytes.</summary>
    public static string Signature(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
