namespace OrleansEval.Gateway.Auth;

/// <summary>The documented shape of POST /v1/keys: the new key, whose secret <c>key</c> is answered this once.</summary>
internal sealed record KeyCreatedAnswer(string Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string Key);
