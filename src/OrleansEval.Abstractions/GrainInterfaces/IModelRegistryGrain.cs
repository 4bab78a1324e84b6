using System.Collections.Immutable;

namespace OrleansEval.GrainInterfaces;

/// <summary>The list of registered model ids. A single grain (key 0), touched only when a model is created or listed.</summary>
[Alias("OrleansEval.IModelRegistryGrain")]
public interface IModelRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a model id. Idempotent.</summary>
    [Alias("Add")]
    Task AddAsync(string modelId);

    /// <summary>Every registered model id, ordinal order.</summary>
    [Alias("List")]
    Task<ImmutableArray<string>> ListAsync();
}
