namespace OrleansEval.Gateway.Monitors;

/// <summary>The documented shape of GET /v1/models/{modelId}/monitors: every monitor of the model.</summary>
internal sealed record MonitorListAnswer(IReadOnlyList<MonitorAnswer> Monitors);
