using System.Collections.Immutable;
using Orleans.Concurrency;

namespace OrleansEval.GrainInterfaces;

/// <summary>The names of the cluster's webhooks (key 0), and the fan-out that tells each of them an alert was appended.</summary>
[Alias("OrleansEval.IWebhookRegistryGrain")]
public interface IWebhookRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a webhook's name.</summary>
    [Alias("Add")]
    Task AddAsync(string name);

    /// <summary>Removes a webhook's name.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string name);

    /// <summary>The webhooks' names, in order.</summary>
    [Alias("List")]
    Task<ImmutableArray<string>> ListAsync();

    /// <summary>Tells every webhook that alerts up to <paramref name="sequence"/> were appended (0: wake them all, at silo start).</summary>
    [Alias("AlertsAppended")]
    [OneWay] // appending an alert must not wait for the fan-out; each webhook's reminder makes good a lost notice
    Task AlertsAppendedAsync(long sequence);
}
