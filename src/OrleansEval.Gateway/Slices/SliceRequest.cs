namespace OrleansEval.Gateway.Slices;

/// <summary>The body of PUT /v1/models/{modelId}/slices/{name}: conditions such as "location = Seattle".</summary>
internal sealed class SliceRequest
{
    public List<string>? Conditions { get; set; }
}
