using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Grpc.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OrleansEval.Alerts;
using OrleansEval.Client;
using OrleansEval.Gateway.Alerts;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Grpc;

/// <summary>WatchAlerts streams the node's alert feed over gRPC, and the client resumes after the last sequence it saw.</summary>
public sealed class GrpcAlertTests
{
    /// <summary>
    /// A feed whose first subscription yields one alert and a lagged notice and ends, as a feed does for a subscriber
    /// that fell behind; later subscriptions yield one more alert and then wait.
    /// </summary>
    private sealed class ScriptedFeed : IAlertFeed
    {
        public ConcurrentQueue<(long After, string? ModelId)> Subscriptions { get; } = new();

        public async IAsyncEnumerable<AlertFeedItem> SubscribeAsync(long afterSequence, string? modelId, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Subscriptions.Enqueue((afterSequence, modelId));
            if (Subscriptions.Count == 1)
            {
                yield return AlertFeedItem.Of(Alert(afterSequence + 1));
                yield return AlertFeedItem.LaggedNotice;
                yield break;
            }

            yield return AlertFeedItem.Of(Alert(afterSequence + 10));
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        private static Alert Alert(long sequence) => new()
        {
            Sequence = sequence,
            ModelId = "wet",
            Monitor = "temp-drift",
            Kind = "drift",
            Target = "temp_max",
            State = AlertState.Firing,
            Measure = "psi",
            Value = 0.31,
            Threshold = 0.2,
            Direction = "above",
            WindowFrom = new DateTimeOffset(2013, 7, 1, 0, 0, 0, TimeSpan.Zero),
            WindowTo = new DateTimeOffset(2013, 8, 1, 0, 0, 0, TimeSpan.Zero),
            Count = 62,
            At = new DateTimeOffset(2013, 8, 1, 0, 5, 0, TimeSpan.Zero),
            Bins = [new AlertBin("[-inf, 6.7)", 0.075, 0.5)],
            Baseline = "training",
        };
    }

    [Fact]
    public async Task WatchAlertsGrpcAsync_FeedLagsAndEnds_PassesTheNoticeAndResumesAfterTheLastSequence()
    {
        var feed = new ScriptedFeed();
        await using var factory = new ServerFactory().WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<IAlertFeed>(feed)));
        using var http = factory.CreateClient();
        using var channel = ProtoRecords.Channel(factory);
        var client = new OrleansEvalClient(http, channel) { ReconnectDelay = TimeSpan.Zero };
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var events = new List<AlertEvent>();
        await foreach (var item in client.WatchAlertsGrpcAsync(afterSequence: 4, modelId: "wet", cancellationToken: cancel.Token))
        {
            events.Add(item);
            if (events.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([(4L, "wet"), (5L, "wet")], feed.Subscriptions.Take(2));
        var first = events[0];
        Assert.Equal((5L, "wet", "temp-drift", "drift", "temp_max", "firing"), (first.Sequence, first.ModelId, first.Monitor, first.Kind, first.Target, first.State));
        Assert.Equal((0.31, 0.2, "above", 62L, "training"), (first.Value, first.Threshold, first.Direction, first.Count, first.Baseline));
        Assert.Equal(new DateTimeOffset(2013, 7, 1, 0, 0, 0, TimeSpan.Zero), first.WindowFrom);
        Assert.Equal(new AlertEventBin("[-inf, 6.7)", 0.075, 0.5), Assert.Single(first.Bins));
        Assert.True(events[1].Lagged);
        Assert.Null(events[1].ModelId);
        Assert.Equal(15, events[2].Sequence);
    }

    [Fact]
    public async Task WatchAlerts_BadModelId_IsInvalidArgument()
    {
        await using var factory = new ServerFactory().WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<IAlertFeed>(new ScriptedFeed())));
        using var channel = ProtoRecords.Channel(factory);
        var client = new OrleansEval.Gateway.Grpc.V1.OrleansEval.OrleansEvalClient(channel);

        using var call = client.WatchAlerts(new OrleansEval.Gateway.Grpc.V1.WatchAlertsRequest { ModelId = "no/slashes" });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("model_id: ", error.Status.Detail, StringComparison.Ordinal);
    }
}
