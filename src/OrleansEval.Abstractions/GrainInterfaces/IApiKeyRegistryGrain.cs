using System.Collections.Immutable;
using OrleansEval.Auth;

namespace OrleansEval.GrainInterfaces;

/// <summary>The API keys created through the API, as salted hashes. A single grain (key 0), read by gateways into a short-lived cache.</summary>
[Alias("OrleansEval.IApiKeyRegistryGrain")]
public interface IApiKeyRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Stores a new key; false when a key with its id already exists (nothing is changed).</summary>
    [Alias("Add")]
    Task<bool> AddAsync(StoredApiKey key);

    /// <summary>Removes a key; false when no key has that id.</summary>
    [Alias("Revoke")]
    Task<bool> RevokeAsync(string id);

    /// <summary>Every stored key, ordered by id.</summary>
    [Alias("List")]
    Task<ImmutableArray<StoredApiKey>> ListAsync();
}
