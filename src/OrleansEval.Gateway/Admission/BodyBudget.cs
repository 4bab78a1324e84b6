using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace OrleansEval.Gateway.Admission;

/// <summary>
/// The memory this node lets request bodies take while they are read and handled:
/// <see cref="AdmissionOptions.MaxBufferedBodyBytes"/> at most, shared by every request. Bodies are read before an
/// admission slot is taken, so without it a crowd of clients could make the node buffer any amount; with it, a body
/// that does not fit is refused (429) and the node's memory stays bounded whatever the clients send.
/// </summary>
internal sealed class BodyBudget
{
    /// <summary>Size of the buffer a body is first read into; it doubles as bytes keep arriving.</summary>
    public const int FirstBufferBytes = 64 * 1024;

    private readonly long _limit;
    private readonly Counter<long> _refused;
    private long _reserved;

    public BodyBudget(IOptions<AdmissionOptions> options, IMeterFactory meters)
    {
        _limit = options.Value.MaxBufferedBodyBytes;
        var meter = meters.Create(AdmissionLimiter.MeterName);
        _refused = meter.CreateCounter<long>("orleanseval.gateway.admission.body_refused", "{request}", "Request bodies refused because the body budget was spent.");
        meter.CreateObservableUpDownCounter("orleanseval.gateway.admission.body_bytes", () => Reserved, "By", "Bytes of request bodies being read or handled.");
    }

    /// <summary>Bytes reserved by bodies now.</summary>
    public long Reserved => Interlocked.Read(ref _reserved);

    /// <summary>Takes <paramref name="bytes"/> from the budget, or nothing and false when they do not fit.</summary>
    public bool TryReserve(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var reserved = Interlocked.Add(ref _reserved, bytes);
        if (reserved <= _limit)
        {
            return true;
        }

        Interlocked.Add(ref _reserved, -bytes);
        _refused.Add(1);
        return false;
    }

    /// <summary>Gives back bytes an earlier <see cref="TryReserve"/> took.</summary>
    public void Release(long bytes) => Interlocked.Add(ref _reserved, -bytes);
}
