namespace OrleansEval.Gateway.Auth;

/// <summary>The body of POST /v1/keys.</summary>
internal sealed class KeyRequest
{
    public string? Name { get; set; }
    public List<string>? Scopes { get; set; }
}
