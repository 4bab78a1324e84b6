using OrleansEval.Alerts;

namespace OrleansEval.Gateway.Alerts;

/// <summary>One item of an alert subscription: an alert, or notice that the subscriber fell behind and alerts were skipped.</summary>
public sealed record AlertFeedItem(Alert? Alert, bool Lagged)
{
    /// <summary>An alert.</summary>
    public static AlertFeedItem Of(Alert alert) => new(alert, false);

    /// <summary>The subscriber's buffer overflowed; it should resume from the last sequence it saw.</summary>
    public static AlertFeedItem LaggedNotice { get; } = new(null, true);
}
