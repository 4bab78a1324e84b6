namespace OrleansEval.Grains.Hosting;

/// <summary>
/// The clock of the evaluation store's own logic (rolling windows, join expiry, baseline timestamps): a keyed
/// <see cref="TimeProvider"/>, the system clock unless a host registers another under <see cref="Key"/>. Keyed, so a
/// test can drive the store's time without also stopping the clock Orleans runs its own timers on.
/// </summary>
public static class EvaluationClock
{
    /// <summary>Service key of the store's clock.</summary>
    public const string Key = "OrleansEval";
}
