using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansEval.Gateway.Admission;

namespace OrleansEval.Gateway.Tests.Admission;

public sealed class AdmissionLimiterTests : IDisposable
{
    private static readonly TimeSpan QueueTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Only keeps a broken limiter from hanging the run; the limiter's own time is the fake clock.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _services.Dispose();

    private AdmissionLimiter Limiter(int slots, int queue) =>
        new(Options.Create(new AdmissionOptions { MaxConcurrentIngests = slots, MaxQueuedIngests = queue, QueueTimeout = QueueTimeout }),
            _time,
            _services.GetRequiredService<IMeterFactory>());

    [Fact]
    public async Task TryEnter_WithAFreeSlot_AdmitsAtOnce_AndWithNoneAndNoQueue_RefusesAtOnce()
    {
        using var limiter = Limiter(slots: 2, queue: 0);

        using var first = await limiter.TryEnterAsync("http", default);
        var second = await limiter.TryEnterAsync("grpc", default);
        var third = limiter.TryEnterAsync("http", default);
        var busy = limiter.InFlight;
        second!.Dispose();
        using var fourth = await limiter.TryEnterAsync("http", default);

        Assert.NotNull(first);
        Assert.True(third.IsCompleted);
        Assert.Null(await third);
        Assert.Equal(2, busy);
        Assert.NotNull(fourth);
        Assert.Equal(2, limiter.InFlight);
    }

    [Fact]
    public async Task TryEnter_WhenEverySlotIsTaken_WaitsUpToTheQueueLengthInArrivalOrder_AndRefusesBeyondIt()
    {
        using var limiter = Limiter(slots: 1, queue: 2);

        var first = await limiter.TryEnterAsync("http", default);
        var second = limiter.TryEnterAsync("http", default).AsTask();
        var third = limiter.TryEnterAsync("grpc", default).AsTask();
        var fourth = limiter.TryEnterAsync("http", default);
        var queued = limiter.Queued;

        Assert.True(fourth.IsCompleted);
        Assert.Null(await fourth);
        Assert.Equal(2, queued);
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);

        first!.Dispose();
        var secondSlot = await second.WaitAsync(Guard);
        Assert.NotNull(secondSlot);
        Assert.False(third.IsCompleted);

        secondSlot.Dispose();
        using var thirdSlot = await third.WaitAsync(Guard);
        Assert.NotNull(thirdSlot);
        Assert.Equal(1, limiter.InFlight);
        Assert.Equal(0, limiter.Queued);
    }

    [Fact]
    public async Task TryEnter_WaitingLongerThanTheQueueTimeout_IsRefusedAndLeavesTheQueue()
    {
        using var limiter = Limiter(slots: 1, queue: 1);
        var first = await limiter.TryEnterAsync("http", default);

        var waiting = limiter.TryEnterAsync("http", default).AsTask();
        _time.Advance(QueueTimeout - TimeSpan.FromMilliseconds(1));
        var stillWaiting = !waiting.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var refused = await waiting.WaitAsync(Guard);
        var queuedAfterTimeout = limiter.Queued;
        first!.Dispose();

        Assert.True(stillWaiting);
        Assert.Null(refused);
        Assert.Equal(0, queuedAfterTimeout);
        Assert.Equal(0, limiter.InFlight);
        using var next = await limiter.TryEnterAsync("http", default);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task TryEnter_CancelledWhileWaiting_ThrowsAndFreesItsPlaceInTheQueue()
    {
        using var limiter = Limiter(slots: 1, queue: 1);
        var first = await limiter.TryEnterAsync("http", default);
        using var cancel = new CancellationTokenSource();

        var waiting = limiter.TryEnterAsync("http", cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Guard));
        Assert.Equal(0, limiter.Queued);
        var next = limiter.TryEnterAsync("http", default).AsTask();
        Assert.False(next.IsCompleted);
        first!.Dispose();
        using var slot = await next.WaitAsync(Guard);
        Assert.NotNull(slot);
    }

    private static string? Tag(KeyValuePair<string, object?>[] tags, string name) => tags.FirstOrDefault(t => t.Key == name).Value as string;

    [Fact]
    public async Task TryEnter_ReportsAdmittedAndRefusedByReason_AndInFlightAndQueued()
    {
        using var limiter = Limiter(slots: 1, queue: 1);
        var counted = new ConcurrentQueue<(string Instrument, long Value, string? Protocol, string? Reason)>();
        var observed = new ConcurrentDictionary<string, int>();
        var meters = _services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Meter.Name == AdmissionLimiter.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var named = tags.ToArray();
            counted.Enqueue((instrument.Name, value, Tag(named, "protocol"), Tag(named, "reason")));
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => observed[instrument.Name] = value);
        listener.Start();

        using var first = await limiter.TryEnterAsync("grpc", default);
        var waiting = limiter.TryEnterAsync("http", default).AsTask();
        var full = await limiter.TryEnterAsync("http", default);
        listener.RecordObservableInstruments();
        _time.Advance(QueueTimeout);
        var timedOut = await waiting.WaitAsync(Guard);

        Assert.Null(full);
        Assert.Null(timedOut);
        Assert.Equal(1, observed["orleanseval.gateway.admission.in_flight"]);
        Assert.Equal(1, observed["orleanseval.gateway.admission.queued"]);
        Assert.Equal(
            [
                ("orleanseval.gateway.admission.admitted", 1L, "grpc", null),
                ("orleanseval.gateway.admission.refused", 1L, "http", AdmissionLimiter.QueueFull),
                ("orleanseval.gateway.admission.refused", 1L, "http", AdmissionLimiter.QueueTimeout),
            ],
            counted.ToArray());
    }
}
