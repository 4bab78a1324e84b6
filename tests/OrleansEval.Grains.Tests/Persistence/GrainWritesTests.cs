using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Tests.Persistence;

public sealed class GrainWritesTests : IDisposable
{
    private const string StateName = "column";
    private static readonly GrainId Grain = GrainId.Create("column", "model/v1/production/x");

    private readonly VersionedStore _store = new();
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(string Grain, string Reason)> _failures = [];
    private readonly GrainWrites _writes;

    public GrainWritesTests()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        var options = Options.Create(new OrleansEvalOptions { MaxUnpersisted = TimeSpan.FromSeconds(30) });
        _writes = new StateWrites(_time, options, meters).For("column", NullLogger.Instance);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == StateWrites.FailuresCounter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(t => t.Key, t => (string)t.Value!, StringComparer.Ordinal);
            _failures.Add((tagged["grain"], tagged["reason"]));
        });
        _listener.Start();
    }

    [Fact]
    public async Task TryWrite_AfterTheStoreTookAWriteTheGrainNeverSawAnswered_WritesTheGrainsOwnStateUnderTheStoredTag()
    {
        var state = new StoredState<Tally>(_store, StateName, Grain, new Tally { Values = [1] });
        Assert.True(await _writes.TryWriteAsync(state, "x", CancellationToken.None));
        await _store.OverwriteAsync(StateName, Grain, new Tally { Values = [7] });
        var held = state.State;
        held.Values.Add(2);

        var written = await _writes.TryWriteAsync(state, "x", CancellationToken.None);
        held.Values.Add(3);
        var writtenAgain = await _writes.TryWriteAsync(state, "x", CancellationToken.None);

        Assert.True(written);
        Assert.True(writtenAgain);
        Assert.Same(held, state.State);
        Assert.Equal([1, 2, 3], _store.Stored<Tally>(StateName, Grain)!.Values);
        Assert.Equal([("column", StateWrites.StaleEtag)], _failures);
    }

    [Fact]
    public async Task TryWrite_AfterTheStoreLostTheRecord_WritesItAgain()
    {
        var state = new StoredState<Tally>(_store, StateName, Grain, new Tally { Values = [1] });
        Assert.True(await _writes.TryWriteAsync(state, "x", CancellationToken.None));
        _store.Lose(StateName, Grain);
        state.State.Values.Add(2);

        Assert.True(await _writes.TryWriteAsync(state, "x", CancellationToken.None));
        Assert.Equal([1, 2], _store.Stored<Tally>(StateName, Grain)!.Values);
    }

    [Fact]
    public async Task Write_OfARecordUnderAStaleTag_TakesTheStoredTagAndWritesTheRecord()
    {
        var record = new GrainState<Tally>(new Tally { Values = [1] });
        await _writes.WriteAsync(_store, "join-segment-0", Grain, record);
        await _store.OverwriteAsync("join-segment-0", Grain, new Tally { Values = [7] });
        record.State!.Values.Add(2);

        await _writes.WriteAsync(_store, "join-segment-0", Grain, record);

        Assert.Equal([1, 2], _store.Stored<Tally>("join-segment-0", Grain)!.Values);
    }

    [Fact]
    public async Task ThrowIfUnpersisted_OnceWritesFailedForMaxUnpersisted_RefusesBatchesUntilAWriteSucceeds()
    {
        var state = new StoredState<Tally>(_store, StateName, Grain, new Tally());
        _store.Unreachable = true;

        var failedFirst = await _writes.TryWriteAsync(state, "x", CancellationToken.None);
        _writes.ThrowIfUnpersisted("x");
        _time.Advance(TimeSpan.FromSeconds(31));
        var failedAgain = await _writes.TryWriteAsync(state, "x", CancellationToken.None);
        var refusal = Assert.Throws<StoreUnavailableException>(() => _writes.ThrowIfUnpersisted("x"));
        _store.Unreachable = false;
        var succeeded = await _writes.TryWriteAsync(state, "x", CancellationToken.None);
        _writes.ThrowIfUnpersisted("x");

        Assert.False(failedFirst);
        Assert.False(failedAgain);
        Assert.True(succeeded);
        Assert.Contains("column x has not been able to persist for 31 s (IOException: connection refused)", refusal.Message, StringComparison.Ordinal);
        Assert.Equal([("column", "IOException"), ("column", "IOException")], _failures);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    /// <summary>A state small enough to see whole in an assertion.</summary>
    public sealed class Tally
    {
        public List<int> Values { get; set; } = [];
    }
}
