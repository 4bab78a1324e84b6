using Orleans.Concurrency;
using OrleansEval.Webhooks;

namespace OrleansEval.GrainInterfaces;

/// <summary>
/// One webhook (key: its name): its definition and a durable cursor into the alert log, from which it POSTs every
/// matching alert in order, at least once, retrying with backoff.
/// </summary>
[Alias("OrleansEval.IWebhookGrain")]
public interface IWebhookGrain : IGrainWithStringKey
{
    /// <summary>Defines or redefines the webhook (enabling it again); a new webhook starts after the newest alert in the log. Answers its status.</summary>
    [Alias("Put")]
    Task<WebhookStatus> PutAsync(WebhookDefinition definition);

    /// <summary>The webhook's status; null when it is not defined.</summary>
    [Alias("Get")]
    [AlwaysInterleave] // reads state only; a delivery waiting on a slow receiver must not hold the answer up
    Task<WebhookStatus?> GetAsync();

    /// <summary>Removes the webhook; false when it was not defined.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync();

    /// <summary>Says alerts up to <paramref name="sequence"/> were appended to the log: deliver them unless a retry is waiting.</summary>
    [Alias("Notify")]
    [OneWay] // the alert log must not wait for a receiver; a lost notice is made good by the reminder
    Task NotifyAsync(long sequence);
}
