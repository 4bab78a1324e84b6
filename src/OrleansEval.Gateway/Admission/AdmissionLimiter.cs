using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace OrleansEval.Gateway.Admission;

/// <summary>
/// This node's admission control of ingest requests: at most <see cref="AdmissionOptions.MaxConcurrentIngests"/> hold a
/// slot at once, up to <see cref="AdmissionOptions.MaxQueuedIngests"/> wait for one in arrival order, each for at most
/// <see cref="AdmissionOptions.QueueTimeout"/>, and any other request is refused at once. A slot is the lease; disposing
/// it gives the slot to the oldest waiter.
/// </summary>
internal sealed class AdmissionLimiter : IDisposable
{
    /// <summary>Name of the gateway's meter.</summary>
    public const string MeterName = "OrleansEval.Gateway";

    /// <summary>Refusal reason: every slot was taken and so was every place in the queue.</summary>
    public const string QueueFull = "queue_full";

    /// <summary>Refusal reason: the request waited <see cref="AdmissionOptions.QueueTimeout"/> without getting a slot.</summary>
    public const string QueueTimeout = "queue_timeout";

    private readonly AdmissionOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrencyLimiter _slots;
    private readonly Counter<long> _admitted;
    private readonly Counter<long> _refused;

    public AdmissionLimiter(IOptions<AdmissionOptions> options, TimeProvider time, IMeterFactory meters)
    {
        _options = options.Value;
        _time = time;
        _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _options.MaxConcurrentIngests,
            QueueLimit = _options.MaxQueuedIngests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

        var meter = meters.Create(MeterName);
        _admitted = meter.CreateCounter<long>("orleanseval.gateway.admission.admitted", "{request}", "Ingest requests given a slot.");
        _refused = meter.CreateCounter<long>("orleanseval.gateway.admission.refused", "{request}", "Ingest requests refused with 429 or RESOURCE_EXHAUSTED.");
        meter.CreateObservableUpDownCounter("orleanseval.gateway.admission.in_flight", () => InFlight, "{request}", "Ingest requests holding a slot.");
        meter.CreateObservableUpDownCounter("orleanseval.gateway.admission.queued", () => Queued, "{request}", "Ingest requests waiting for a slot.");
    }

    /// <summary>Seconds a refused client is asked to wait.</summary>
    public int RetryAfterSeconds => _options.RetryAfterSeconds;

    /// <summary>Requests holding a slot now.</summary>
    public int InFlight => _options.MaxConcurrentIngests - (int)(_slots.GetStatistics()?.CurrentAvailablePermits ?? _options.MaxConcurrentIngests);

    /// <summary>Requests waiting for a slot now.</summary>
    public int Queued => (int)(_slots.GetStatistics()?.CurrentQueuedCount ?? 0);

    /// <summary>
    /// A slot, or null when the request is refused. Throws <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> is cancelled while the request waits; its place in the queue is freed.
    /// </summary>
    /// <param name="protocol">"http" or "grpc", the tag the metrics carry.</param>
    /// <param name="cancellationToken">The request's own cancellation (its client went away).</param>
    public async ValueTask<RateLimitLease?> TryEnterAsync(string protocol, CancellationToken cancellationToken)
    {
        var lease = _slots.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return Admitted(lease, protocol);
        }

        lease.Dispose();
        if (_options.MaxQueuedIngests == 0)
        {
            return Refused(protocol, QueueFull);
        }

        using var timeout = new CancellationTokenSource(_options.QueueTimeout, _time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            lease = await _slots.AcquireAsync(1, waiting.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Refused(protocol, QueueTimeout);
        }

        if (lease.IsAcquired)
        {
            return Admitted(lease, protocol);
        }

        lease.Dispose();
        return Refused(protocol, QueueFull);
    }

    public void Dispose() => _slots.Dispose();

    private RateLimitLease Admitted(RateLimitLease lease, string protocol)
    {
        _admitted.Add(1, new KeyValuePair<string, object?>("protocol", protocol));
        return lease;
    }

    private RateLimitLease? Refused(string protocol, string reason)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("protocol", protocol), new KeyValuePair<string, object?>("reason", reason));
        return null;
    }
}
