namespace OrleansEval.Gateway.Slices;

/// <summary>
/// The documented shape of PUT /v1/models/{modelId}/slices/{name} with <c>"backfill": true</c> (202): the slice as
/// stored and the status of the backfill it started.
/// </summary>
internal sealed record SliceBackfillAnswer(string Name, IReadOnlyList<string> Conditions, BackfillAnswer Backfill);
