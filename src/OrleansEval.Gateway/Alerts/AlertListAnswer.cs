namespace OrleansEval.Gateway.Alerts;

/// <summary>The documented shape of GET /v1/alerts and of an evaluation of monitors: the alerts, oldest first.</summary>
internal sealed record AlertListAnswer(IReadOnlyList<AlertAnswer> Alerts);
