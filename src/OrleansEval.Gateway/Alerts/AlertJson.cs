using System.Text.Json;
using OrleansEval.Alerts;

namespace OrleansEval.Gateway.Alerts;

/// <summary>Writes an alert in the API's shape (<see cref="AlertDocument"/>), for listings and Server-Sent Events.</summary>
internal static class AlertJson
{
    public static void Write(Utf8JsonWriter json, Alert alert) => AlertDocument.Write(json, alert);

    public static byte[] Write(Alert alert) => AlertDocument.Write(alert);
}
