namespace OrleansEval.Alerts;

/// <summary>The state of a monitor's target: quiet, firing, or back to normal after firing.</summary>
[GenerateSerializer]
[Alias("OrleansEval.AlertState")]
public enum AlertState
{
    /// <summary>Within the threshold.</summary>
    Ok = 0,

    /// <summary>Beyond the threshold.</summary>
    Firing = 1,

    /// <summary>Back within the threshold (past the hysteresis band) after firing.</summary>
    Resolved = 2,
}
