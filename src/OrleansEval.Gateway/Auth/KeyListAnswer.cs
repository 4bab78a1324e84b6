namespace OrleansEval.Gateway.Auth;

/// <summary>The documented shape of GET /v1/keys: the stored keys and the configured ones, never a secret or a hash.</summary>
internal sealed record KeyListAnswer(IReadOnlyList<KeyListAnswer.StoredKeyAnswer> Keys, IReadOnlyList<KeyListAnswer.ConfiguredKeyAnswer> Configured)
{
    /// <summary>A key created through the API.</summary>
    internal sealed record StoredKeyAnswer(string Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt);

    /// <summary>A key from the server's configuration.</summary>
    internal sealed record ConfiguredKeyAnswer(string Name, IReadOnlyList<string> Scopes);
}
