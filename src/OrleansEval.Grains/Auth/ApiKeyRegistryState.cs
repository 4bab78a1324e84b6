using OrleansEval.Auth;

namespace OrleansEval.Grains.Auth;

/// <summary>The persisted API keys, by id: salted hashes only.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.ApiKeyRegistryState")]
public sealed class ApiKeyRegistryState
{
    [Id(0)] public SortedDictionary<string, StoredApiKey> Keys { get; set; } = new(StringComparer.Ordinal);
}
