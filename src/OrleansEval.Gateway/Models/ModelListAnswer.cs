namespace OrleansEval.Gateway.Models;

/// <summary>The documented shape of GET /v1/models: the ids of every registered model.</summary>
internal sealed record ModelListAnswer(IReadOnlyList<string> Models);
