namespace OrleansEval.Gateway.Slices;

/// <summary>The body of PUT /v1/models/{modelId}/slices/{name}: conditions such as "location = Seattle", and whether to backfill the slice.</summary>
internal sealed class SliceRequest
{
    public List<string>? Conditions { get; set; }

    /// <summary>True to count the slice over the rows kept before it was defined as well (see POST …:backfill).</summary>
    public bool? Backfill { get; set; }
}
