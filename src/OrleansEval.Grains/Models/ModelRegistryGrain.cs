using System.Collections.Immutable;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;

namespace OrleansEval.Grains.Models;

/// <summary>Keeps the list of model ids; written only when a model is first registered.</summary>
internal sealed class ModelRegistryGrain(
    [PersistentState("registry", StorageNames.State)] IPersistentState<ModelRegistryState> state) : Grain, IModelRegistryGrain
{
    public async Task AddAsync(string modelId)
    {
        if (state.State.Models.Add(modelId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult<ImmutableArray<string>>([.. state.State.Models]);
}
