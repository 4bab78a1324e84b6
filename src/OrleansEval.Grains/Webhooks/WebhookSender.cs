using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using OrleansEval.Alerts;
using OrleansEval.Webhooks;

namespace OrleansEval.Grains.Webhooks;

/// <summary>POSTs one alert to a webhook's receiver, signed when it has a secret, cut off after the receiver timeout.</summary>
internal sealed class WebhookSender(IOptions<WebhookOptions> options) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AllowAutoRedirect = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<WebhookOutcome> SendAsync(WebhookDefinition definition, Alert alert, CancellationToken cancellationToken)
    {
        var body = WebhookBody.For(definition, alert);
        using var request = new HttpRequestMessage(HttpMethod.Post, definition.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.ParseAdd("OrleansEval-Webhook/1");
        request.Headers.TryAddWithoutValidation("X-OrleansEval-Sequence", alert.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (definition.Secret is { } secret)
        {
            request.Headers.TryAddWithoutValidation(WebhookBody.SignatureHeader, WebhookBody.Signature(secret, body));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ReceiverTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            var error = response.IsSuccessStatusCode ? null : $"the receiver answered {status}";
            return new WebhookOutcome(status, error, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookOutcome(null, $"no answer within {options.Value.ReceiverTimeout.TotalSeconds:0.###} s", Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException e)
        {
            return new WebhookOutcome(null, $"could not reach the receiver: {e.HttpRequestError}", Stopwatch.GetElapsedTime(started));
        }
    }

    public void Dispose() => _http.Dispose();
}
