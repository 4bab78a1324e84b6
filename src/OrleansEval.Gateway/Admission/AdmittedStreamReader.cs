using System.Threading.RateLimiting;
using Grpc.Core;

namespace OrleansEval.Gateway.Admission;

/// <summary>
/// A client stream whose every message is admitted once it has arrived: the slot is taken when a message is handed to
/// the handler and given back when the handler asks for the next one (or the call ends), so a stream holds no slot
/// while it waits for its client. A refused message ends the call with RESOURCE_EXHAUSTED naming its position.
/// </summary>
internal sealed class AdmittedStreamReader<T>(IAsyncStreamReader<T> inner, AdmissionLimiter limiter, string field) : IAsyncStreamReader<T>, IDisposable
{
    private RateLimitLease? _slot;
    private int _position;

    public T Current => inner.Current;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        Release();
        if (!await inner.MoveNext(cancellationToken))
        {
            return false;
        }

        _slot = await limiter.TryEnterAsync("grpc", cancellationToken)
            ?? throw AdmissionRefusal.GrpcStream(field, limiter.RetryAfterSeconds, _position);
        _position++;
        return true;
    }

    public void Dispose() => Release();

    private void Release()
    {
        _slot?.Dispose();
        _slot = null;
    }
}
