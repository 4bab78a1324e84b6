using System.Collections.Immutable;
using OrleansEval.Auth;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;

namespace OrleansEval.Grains.Auth;

/// <summary>Keeps the API keys created through the API; written only when a key is created or revoked.</summary>
internal sealed class ApiKeyRegistryGrain(
    [PersistentState("apikeys", StorageNames.State)] IPersistentState<ApiKeyRegistryState> state) : Grain, IApiKeyRegistryGrain
{
    public async Task<bool> AddAsync(StoredApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!state.State.Keys.TryAdd(key.Id, key))
        {
            return false;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored, so not kept: the caller is told the creation failed and its secret is never answered.
            state.State.Keys.Remove(key.Id);
            throw;
        }

        return true;
    }

    public async Task<bool> RevokeAsync(string id)
    {
        if (!state.State.Keys.Remove(id, out var key))
        {
            return false;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The revocation failed and is answered so; the key stays as storage still has it.
            state.State.Keys.Add(id, key);
            throw;
        }

        return true;
    }

    public Task<ImmutableArray<StoredApiKey>> ListAsync() => Task.FromResult<ImmutableArray<StoredApiKey>>([.. state.State.Keys.Values]);
}
