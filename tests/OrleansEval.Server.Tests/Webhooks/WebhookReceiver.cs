using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansEval.Server.Tests.Webhooks;

/// <summary>
/// A webhook receiver on Kestrel at 127.0.0.1 (a free port): records every POST and answers it as <see cref="Answer"/>
/// says — a status, or a wait longer than the sender's timeout. Paths tell apart the webhooks of different tests.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>What the receiver does with a request: its status, or null to hang until the sender gives up.</summary>
    public Func<Received, int?> Answer { get; set; } = _ => 200;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.BaseAddress = new Uri(address + "/");
        return receiver;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    /// <summary>The requests to <paramref name="path"/> that were answered with a 2xx, in arrival order.</summary>
    public List<Received> Delivered(string path) => [.. Requests.Where(r => r.Path == "/" + path && r.Status is >= 200 and < 300)];

    public List<Received> To(string path) => [.. Requests.Where(r => r.Path == "/" + path)];

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new MemoryStream();
        await context.Request.Body.CopyToAsync(reader, context.RequestAborted);
        var received = new Received(
            context.Request.Path.Value ?? "",
            reader.ToArray(),
            context.Request.Headers["X-OrleansEval-Signature"].FirstOrDefault(),
            DateTime.UtcNow);
        var status = Answer(received);
        received.Status = status;
        Requests.Enqueue(received);
        if (status is null)
        {
            try
            {
                // Hangs until the sender cuts the request off (or 30 s, so that no test waits on it forever).
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The sender gave up, as it should.
            }

            return;
        }

        context.Response.StatusCode = status.Value;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>One POST: its path, body, signature header, arrival time, and the status it was answered (null: it hung).</summary>
    internal sealed record Received(string Path, byte[] Body, string? Signature, DateTime At)
    {
        public int? Status { get; set; }

        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    }
}
