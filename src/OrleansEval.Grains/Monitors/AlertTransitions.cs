using OrleansEval.Alerts;

namespace OrleansEval.Grains.Monitors;

/// <summary>
/// The alert state machine of one target: ok or resolved → firing when the value crosses the threshold (unless the
/// target resolved less than the cool-down ago); firing → resolved only once the value is back past the threshold by
/// the hysteresis band (a fraction of the threshold's magnitude), so a value hovering at the threshold does not flap.
/// </summary>
internal static class AlertTransitions
{
    public static AlertState? Next(AlertState current, double value, double threshold, bool higherIsWorse, double hysteresis, TimeSpan cooldown, DateTimeOffset changedAt, DateTimeOffset now)
    {
        var band = hysteresis * Math.Abs(threshold);
        var breached = higherIsWorse ? value >= threshold : value < threshold;
        var cleared = higherIsWorse ? value < threshold - band : value >= threshold + band;
        return current switch
        {
            AlertState.Firing when cleared => AlertState.Resolved,
            AlertState.Ok when breached => AlertState.Firing,
            AlertState.Resolved when breached && now - changedAt >= cooldown => AlertState.Firing,
            _ => null,
        };
    }
}
