using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using OrleansEval.Alerts;
using OrleansEval.Gateway.Alerts;
using OrleansEval.GrainInterfaces;
using OrleansEval.Server.Tests.Hosting;
using OrleansEval.Testing;

namespace OrleansEval.Server.Tests.Alerts;

/// <summary>A subscriber that stops reading never holds up the alerts of the others; it is told it fell behind.</summary>
[Collection(ServerTestGroup.Name)]
public sealed class AlertFeedTests(ServerFixture server)
{
    private const int BufferSize = 256;

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Subscribe_OneSubscriberStopsReading_ItIsCutOffWithALaggedNotice_AndTheOtherGetsEveryAlert()
    {
        var feed = server.Factory.Services.GetRequiredService<IAlertFeed>();
        var log = server.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IAlertLogGrain>(0);
        var model = $"feed-{Guid.NewGuid():N}"[..20];
        var start = (await log.ListAsync(new AlertQuery(null, null, null, null, 0, 10_000))).LastOrDefault()?.Sequence ?? 0;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var stalled = feed.SubscribeAsync(start, model, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var stalledFirst = stalled.MoveNextAsync().AsTask();
        var total = BufferSize * 2;
        var read = new ConcurrentQueue<AlertFeedItem>();
        var reader = ReadAsync(feed.SubscribeAsync(start, model, cancel.Token), total, read);

        for (var published = 0; published < total; published += 64)
        {
            await log.AppendAsync([.. Enumerable.Range(0, 64).Select(_ => Alert(model))]);

            // The reading subscriber takes each 64 before the next are published, so only the stalled one falls behind.
            var sent = published + 64;
            await Eventually.UntilAsync(() => read.Count >= sent, $"{sent} alerts delivered to the reading subscriber", ReadTimeout);
        }

        var delivered = await reader;
        var stalledItems = new List<AlertFeedItem>();
        if (await stalledFirst)
        {
            stalledItems.Add(stalled.Current);
            while (await stalled.MoveNextAsync())
            {
                stalledItems.Add(stalled.Current);
            }
        }

        Assert.Equal(total, delivered.Count);
        Assert.Equal(delivered.Select(d => d.Alert!.Sequence).Order(), delivered.Select(d => d.Alert!.Sequence));
        Assert.True(stalledItems[^1].Lagged);
        Assert.InRange(stalledItems.Count(i => !i.Lagged), 1, BufferSize + 1);
    }

    private static async Task<List<AlertFeedItem>> ReadAsync(IAsyncEnumerable<AlertFeedItem> items, int count, ConcurrentQueue<AlertFeedItem> read)
    {
        await foreach (var item in items)
        {
            read.Enqueue(item);
            if (read.Count == count)
            {
                break;
            }
        }

        return [.. read];
    }

    private static Alert Alert(string model) => new()
    {
        ModelId = model, Monitor = "m", Kind = "Drift", Target = "x", State = AlertState.Firing,
        Measure = "psi", Value = 1, Threshold = 0.2, Direction = "above", At = DateTimeOffset.UnixEpoch,
    };
}
