using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Grpc.Core;
using OrleansEval.Gateway.Grpc.V1;
using AlertsClient = OrleansEval.Gateway.Grpc.V1.OrleansEval.OrleansEvalClient;

namespace OrleansEval.Client;

/// <summary>Alert watches: Server-Sent Events over HTTP, or a gRPC server stream; both resume where they left off.</summary>
public sealed partial class OrleansEvalClient
{
    /// <summary>
    /// Alerts with a sequence above <paramref name="afterSequence"/>, optionally of one model, from
    /// <c>GET /v1/alerts/stream</c>: those already in the history first, then live ones. When the stream ends or
    /// breaks, the watch reconnects with <c>Last-Event-ID</c> set to the last sequence it saw, so nothing is missed or
    /// repeated; a <see cref="AlertEvent.Lagged"/> item says the server skipped alerts for this subscriber, which the
    /// watch then reads again from the history. It ends only when cancelled or when the server refuses the request.
    /// </summary>
    public async IAsyncEnumerable<AlertEvent> WatchAlertsAsync(long afterSequence = 0, string? modelId = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var last = afterSequence;
        var delay = ReconnectDelay;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var response = await OpenAlertStreamAsync(last, modelId, cancellationToken);
            if (response is not null)
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var text = new StreamReader(body);
                await using var events = ServerSentEventReader.ReadAsync(text, cancellationToken).GetAsyncEnumerator(cancellationToken);
                while (await NextAsync(events) is { } item)
                {
                    if (item.Retry is { } milliseconds)
                    {
                        delay = TimeSpan.FromMilliseconds(milliseconds);
                    }

                    if (item.Event == "lagged")
                    {
                        yield return AlertEvent.LaggedNotice;
                    }
                    else if (item.Event == "alert")
                    {
                        var alert = JsonSerializer.Deserialize<AlertEvent>(item.Data, Json)!;
                        last = long.TryParse(item.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : Math.Max(last, alert.Sequence);
                        yield return alert;
                    }
                }
            }

            await Task.Delay(delay, cancellationToken);
        }
    }

    /// <summary>
    /// The same watch as <see cref="WatchAlertsAsync"/> over the gRPC <c>WatchAlerts</c> stream of the channel given
    /// to the constructor; it reconnects after the last sequence it saw when the stream ends or the server is
    /// unavailable. Other gRPC errors end it with their <see cref="RpcException"/>.
    /// </summary>
    public async IAsyncEnumerable<AlertEvent> WatchAlertsGrpcAsync(long afterSequence = 0, string? modelId = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var client = new AlertsClient(grpc ?? throw new InvalidOperationException("No gRPC channel was given to the client."));
        var last = afterSequence;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = new WatchAlertsRequest { AfterSequence = last };
            if (modelId is not null)
            {
                request.ModelId = modelId;
            }

            var headers = ApiKey is null ? null : new Metadata { { "authorization", $"Bearer {ApiKey}" } };
            using var call = client.WatchAlerts(request, headers, cancellationToken: cancellationToken);
            while (await NextAsync(call.ResponseStream, cancellationToken) is { } message)
            {
                if (message.Lagged)
                {
                    yield return AlertEvent.LaggedNotice;
                    continue;
                }

                last = message.Sequence;
                yield return ToEvent(message);
            }

            await Task.Delay(ReconnectDelay, cancellationToken);
        }
    }

    internal static AlertEvent ToEvent(AlertMessage message) => new()
    {
        Sequence = message.Sequence,
        ModelId = message.ModelId,
        Monitor = message.Monitor,
        Kind = message.Kind,
        Target = message.Target,
        State = message.State,
        Measure = message.Measure,
        Value = message.HasValue ? message.Value : null,
        Threshold = message.Threshold,
        Direction = message.Direction,
        WindowFrom = message.WindowFrom?.ToDateTimeOffset() ?? default,
        WindowTo = message.WindowTo?.ToDateTimeOffset() ?? default,
        Count = message.Count,
        At = message.At?.ToDateTimeOffset() ?? default,
        Baseline = message.HasBaseline ? message.Baseline : null,
        Examples = message.HasExamples ? message.Examples : null,
        QValue = message.HasQValue ? message.QValue : null,
        Bins = [.. message.Bins.Select(b => new AlertEventBin(b.Bin, b.Baseline, b.Current))],
        Causes = [.. message.Causes.Select(c => new AlertEventCause(
            c.Feature,
            c.HasMix ? c.Mix : null,
            c.HasWithin ? c.Within : null,
            c.HasDriftImpact ? c.DriftImpact : null,
            c.HasDriftMeasure ? c.DriftMeasure : null,
            c.HasDriftValue ? c.DriftValue : null,
            c.Drifted))],
        CauseNote = message.HasCauseNote ? message.CauseNote : null,
    };

    /// <summary>Opens the event stream; null when the server could not be reached or answered a passing failure.</summary>
    private async Task<HttpResponseMessage?> OpenAlertStreamAsync(long afterSequence, string? modelId, CancellationToken cancellationToken)
    {
        var path = $"v1/alerts/stream?after={afterSequence.ToString(CultureInfo.InvariantCulture)}";
        if (modelId is not null)
        {
            path += $"&modelId={Uri.EscapeDataString(modelId)}";
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (afterSequence > 0)
        {
            request.Headers.Add("Last-Event-ID", afterSequence.ToString(CultureInfo.InvariantCulture));
        }

        HttpResponseMessage response;
        try
        {
            response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout)
            {
                return null;
            }

            await EnsureSuccessAsync(response, cancellationToken);
            return null;
        }
    }

    /// <summary>The next event, or null when the stream ended or the connection broke.</summary>
    private static async Task<ServerSentEvent?> NextAsync(IAsyncEnumerator<ServerSentEvent> events)
    {
        try
        {
            return await events.MoveNextAsync() ? events.Current : null;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The next message, or null when the stream ended or the server became unavailable.</summary>
    private static async Task<AlertMessage?> NextAsync(IAsyncStreamReader<AlertMessage> messages, CancellationToken cancellationToken)
    {
        try
        {
            return await messages.MoveNext(cancellationToken) ? messages.Current : null;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
        {
            return null;
        }
    }
}
