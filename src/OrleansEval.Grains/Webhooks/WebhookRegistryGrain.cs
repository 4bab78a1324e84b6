using System.Collections.Immutable;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;

namespace OrleansEval.Grains.Webhooks;

/// <summary>The names of the cluster's webhooks, and the one-way fan-out that wakes each when the alert log grows.</summary>
internal sealed class WebhookRegistryGrain(
    [PersistentState("webhooks", StorageNames.State)] IPersistentState<WebhookRegistryState> state) : Grain, IWebhookRegistryGrain
{
    public async Task AddAsync(string name)
    {
        if (state.State.Names.Add(name))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(string name)
    {
        if (state.State.Names.Remove(name))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult<ImmutableArray<string>>([.. state.State.Names]);

    public async Task AlertsAppendedAsync(long sequence)
    {
        // One-way calls: a slow or failing webhook never holds up the others.
        foreach (var name in state.State.Names)
        {
            await GrainFactory.GetGrain<IWebhookGrain>(name).NotifyAsync(sequence);
        }
    }
}
