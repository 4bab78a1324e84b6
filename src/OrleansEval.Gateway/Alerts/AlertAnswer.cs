namespace OrleansEval.Gateway.Alerts;

/// <summary>
/// The documented shape of an alert, which <see cref="OrleansEval.Alerts.AlertDocument"/> writes: the monitor, target and
/// state, the measured value against its threshold over the window, the baseline, a worst-slice alert's examples link
/// and q-value, a drift alert's bins, and a performance alert's causes (or the note saying why there are none).
/// </summary>
internal sealed record AlertAnswer(
    long Sequence,
    string ModelId,
    string Monitor,
    string Kind,
    string Target,
    string State,
    string Measure,
    double? Value,
    double Threshold,
    string Direction,
    AlertAnswer.AlertWindowAnswer Window,
    long Count,
    DateTimeOffset At,
    IReadOnlyList<AlertAnswer.AlertBinAnswer> Bins,
    string? Baseline = null,
    string? Examples = null,
    double? QValue = null,
    IReadOnlyList<AlertAnswer.AlertCauseAnswer>? Causes = null,
    string? CauseNote = null)
{
    /// <summary>The window the alert measured.</summary>
    internal sealed record AlertWindowAnswer(DateTimeOffset From, DateTimeOffset To);

    /// <summary>One bin of a drift alert: its share in the baseline and in the window.</summary>
    internal sealed record AlertBinAnswer(string Bin, double Baseline, double Current);

    /// <summary>One feature's part in a performance alert.</summary>
    internal sealed record AlertCauseAnswer(string Feature, double? Mix, double? Within, double? DriftImpact, AlertCauseDriftAnswer Drift);

    /// <summary>The drift of a cause's feature.</summary>
    internal sealed record AlertCauseDriftAnswer(string Measure, double? Value, bool Drifted);
}
