using System.Diagnostics.Metrics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansEval.Gateway.Admission;

namespace OrleansEval.Gateway.Tests.Admission;

public sealed class AdmittedStreamReaderTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly AdmissionLimiter _limiter;

    public AdmittedStreamReaderTests() =>
        _limiter = new AdmissionLimiter(
            Options.Create(new AdmissionOptions { MaxConcurrentIngests = 1, MaxQueuedIngests = 0, RetryAfterSeconds = 2 }),
            new FakeTimeProvider(),
            _services.GetRequiredService<IMeterFactory>());

    public void Dispose()
    {
        _limiter.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task MoveNext_HoldsASlotFromAMessageUntilTheNextIsAskedFor_AndNoneWhileWaitingForTheClient()
    {
        var client = new ScriptedStream();
        using var reader = new AdmittedStreamReader<int>(client, _limiter, "records");

        var first = reader.MoveNext(CancellationToken.None);
        client.Send(1);
        await first;
        var whileHandled = _limiter.InFlight;
        var second = reader.MoveNext(CancellationToken.None);
        var whileWaiting = _limiter.InFlight;
        client.End();
        var more = await second;

        Assert.Equal(1, whileHandled);
        Assert.Equal(0, whileWaiting);
        Assert.False(more);
        Assert.Equal(0, _limiter.InFlight);
    }

    [Fact]
    public async Task MoveNext_WhenNoSlotIsFree_IsResourceExhaustedNamingTheMessageAndWhatWasKept()
    {
        var client = new ScriptedStream();
        using var reader = new AdmittedStreamReader<int>(client, _limiter, "records");
        var first = reader.MoveNext(CancellationToken.None);
        client.Send(1);
        await first;

        var second = reader.MoveNext(CancellationToken.None);
        using var other = await _limiter.TryEnterAsync("http", CancellationToken.None);
        client.Send(2);
        var refused = await Assert.ThrowsAsync<RpcException>(() => second);

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal("records: the gateway is at capacity; nothing from message 1 of the stream was kept (the 1 before it were)", refused.Status.Detail);
        Assert.Equal("2", refused.Trailers.GetValue("retry-after"));
        Assert.Equal(1, _limiter.InFlight);
    }

    /// <summary>A client stream whose messages the test sends one at a time.</summary>
    private sealed class ScriptedStream : IAsyncStreamReader<int>
    {
        private TaskCompletionSource<bool> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Current { get; private set; }

        public Task<bool> MoveNext(CancellationToken cancellationToken) => _next.Task;

        public void Send(int message)
        {
            Current = message;
            var arrived = _next;
            _next = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            arrived.SetResult(true);
        }

        public void End() => _next.SetResult(false);
    }
}
