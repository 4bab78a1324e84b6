namespace OrleansEval.Gateway.Auth;

/// <summary>One key given by configuration, for bootstrap from a secret store or an environment variable.</summary>
public sealed class ConfiguredApiKey
{
    /// <summary>The secret clients send as <c>Authorization: Bearer &lt;secret&gt;</c>; at least <see cref="ApiKeySecrets.MinConfiguredLength"/> characters.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>Scopes separated by ',' or ' ': <c>ingest</c>, <c>read</c>, <c>admin</c>.</summary>
    public string Scopes { get; set; } = string.Empty;
}
