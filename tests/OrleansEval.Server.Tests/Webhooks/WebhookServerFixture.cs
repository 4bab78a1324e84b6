using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using OrleansEval.Alerts;
using OrleansEval.GrainInterfaces;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Webhooks;

/// <summary>
/// One in-memory server with short webhook retries (backoff from 200 ms, receiver timeout 1 s) and one receiver, shared
/// by the webhook tests of a class; each test uses its own model id and receiver path.
/// </summary>
public sealed class WebhookServerFixture : IAsyncLifetime
{
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["OrleansEval:Webhooks:InitialBackoff"] = "00:00:00.200",
        ["OrleansEval:Webhooks:MaxBackoff"] = "00:00:01",
        ["OrleansEval:Webhooks:ReceiverTimeout"] = "00:00:01",
    };

    public ServerFactory Factory { get; } = new(settings: Settings);

    public HttpClient Client { get; private set; } = null!;

    internal WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        Receiver = await WebhookReceiver.StartAsync();
    }

    /// <summary>Appends alerts to the cluster's alert log, as a monitor does; answers them numbered.</summary>
    public static Task<ImmutableArray<Alert>> RaiseAsync(IServiceProvider services, params Alert[] alerts) =>
        services.GetRequiredService<IGrainFactory>().GetGrain<IAlertLogGrain>(0).AppendAsync([.. alerts]);

    /// <summary>A drift alert of <paramref name="modelId"/>'s monitor <c>wind</c>.</summary>
    public static Alert Alert(string modelId, AlertState state, double value) => new()
    {
        ModelId = modelId,
        Monitor = "wind",
        Kind = "drift",
        Target = "wind",
        State = state,
        Measure = "psi",
        Value = value,
        Threshold = 0.2,
        Direction = "above",
        WindowFrom = new DateTimeOffset(2014, 6, 1, 0, 0, 0, TimeSpan.Zero),
        WindowTo = new DateTimeOffset(2014, 7, 1, 0, 0, 0, TimeSpan.Zero),
        Count = 930,
        At = new DateTimeOffset(2014, 7, 1, 0, 0, 0, TimeSpan.Zero),
        Baseline = "training",
    };

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Receiver.DisposeAsync();
        await Factory.DisposeAsync();
    }
}
