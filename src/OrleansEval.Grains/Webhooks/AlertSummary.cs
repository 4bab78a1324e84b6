using System.Globalization;
using OrleansEval.Alerts;

namespace OrleansEval.Grains.Webhooks;

/// <summary>One line that says what an alert is, for chat messages and incident titles.</summary>
internal static class AlertSummary
{
    public static string Of(Alert alert)
    {
        var value = alert.Value is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "unknown";
        var threshold = alert.Threshold.ToString("G4", CultureInfo.InvariantCulture);
        var state = alert.State.ToString().ToLowerInvariant();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{state}] {alert.ModelId} / {alert.Monitor} / {alert.Target}: {alert.Measure} {value} ({alert.Direction} {threshold} is worse) over {alert.WindowFrom.UtcDateTime:yyyy-MM-dd HH:mm} to {alert.WindowTo.UtcDateTime:yyyy-MM-dd HH:mm} UTC, {alert.Count} values");
    }
}
