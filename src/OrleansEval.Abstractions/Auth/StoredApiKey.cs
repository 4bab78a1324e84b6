using System.Collections.Immutable;

namespace OrleansEval.Auth;

/// <summary>
/// An API key as storage keeps it: its id, name and scopes, and the SHA-256 of a random salt followed by the secret's
/// UTF-8 bytes. The secret itself is never stored.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.StoredApiKey")]
[Immutable]
public sealed record StoredApiKey(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] ApiScopes Scopes,
    [property: Id(3)] ImmutableArray<byte> Salt,
    [property: Id(4)] ImmutableArray<byte> Hash,
    [property: Id(5)] DateTimeOffset CreatedAt);
