namespace OrleansEval.Gateway.Slices;

/// <summary>The documented shape of PUT /v1/models/{modelId}/slices/{name} without a backfill: the slice as stored.</summary>
internal sealed record SliceDefinitionAnswer(string Name, IReadOnlyList<string> Conditions);
